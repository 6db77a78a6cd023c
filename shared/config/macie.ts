import { AwsMacie } from '../adapters/macie/aws-macie';
import { clientConfig } from './clients';
import type { Runtime } from './runtime';

/**
 * Macie, one client per Region (made on first use), at the stack's endpoints and credentials. Kept apart from the other
 * builders: only the functions that watch Macie (macie-member-changed, audit) bundle its client.
 */
export const macieClient = (runtime: Runtime): AwsMacie => {
  const { region: _region, ...config } = clientConfig(runtime, 'macie', 'us-east-1');
  return new AwsMacie({ clientConfig: config });
};
