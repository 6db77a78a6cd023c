// Refuses to package or deploy the stack outside us-east-1: AWS Organizations delivers its
// CloudTrail events (API calls and service events) to EventBridge only there, so a stack anywhere
// else would receive nothing and say nothing. serverless.yml resolves this when it packages.
module.exports = async ({ options }) => {
  const region = options.region ?? 'us-east-1';
  if (region !== 'us-east-1') {
    throw new Error(`orgwarden's stack must live in us-east-1 (AWS Organizations delivers its events to EventBridge only there), not ${region}`);
  }
  return region;
};
