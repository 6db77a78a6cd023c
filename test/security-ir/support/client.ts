import { SecurityIRClient, type SecurityIRClientConfig } from '../../../shared/adapters/security-ir';

export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

/** A client pointed at a local endpoint, with static credentials (no credential chain lookups in tests). */
export const testClient = (endpoint: string, config: Partial<SecurityIRClientConfig> = {}): SecurityIRClient =>
  new SecurityIRClient({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, ...config });
