import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Lambda gives a function its role's credentials in the environment, and nowhere else: the bundles
 * replace the SDK's default provider chain (`@aws-sdk/credential-provider-node`: profiles, SSO, IMDS,
 * web identity, a nested STS client) with this one (serverless.yml, esbuild `alias`), which keeps
 * ~80 KB of code the functions would never run out of every bundle.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
