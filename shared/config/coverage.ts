import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AwsAccountDirectory } from '../adapters/organizations/account-directory';
import type { AccountDirectory } from '../ports/account-directory';
import type { Clock } from '../ports/clock';
import type { SecurityIncidentResponse } from '../ports/security-ir';
import type { StateStore } from '../ports/state-store';
import type { CoverageDeps } from '../use-cases/coverage/coverage-steps';
import { recordCoverage } from '../use-cases/coverage/record-coverage';

/** What the coverage effects run with: scheduling confirmations and recording readings go to the store. */
export const coveragePorts = (deps: {
  securityIr: () => SecurityIncidentResponse;
  accounts: () => AccountDirectory;
  store: StateStore;
  clock: Clock;
}): CoverageDeps => ({
  securityIr: deps.securityIr,
  accounts: deps.accounts,
  clock: deps.clock,
  schedule: (entries: Parameters<StateStore['addEffects']>[0]) => deps.store.addEffects(entries),
  record: recordCoverage({ store: deps.store, clock: deps.clock }),
});

/** The organization's accounts (DescribeAccount, ListParents) over an Organizations client. */
export const accountDirectory = (client: OrganizationsClient): AwsAccountDirectory => new AwsAccountDirectory(client);
