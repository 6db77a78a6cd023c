/**
 * The AWS SDK warns once per process that its Node 20 support ends in January 2027. Lambda runs
 * nodejs22.x; the local tools and tests run on the machine's Node 20, where that warning is noise.
 * The SDK's own switch turns it off (a user who sets the variable keeps their choice).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
