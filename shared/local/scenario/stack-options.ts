import type { LocalStackOptions } from '../stack/local-stack';
import type { Scenario } from './scenario';

/** The local stack a scenario asks for: its start, organization, policy and emulator behaviour. */
export const stackOptionsOf = (scenario: Scenario | undefined): LocalStackOptions => ({
  start: scenario ? new Date(scenario.start) : new Date(),
  ...(scenario?.organization?.id ? { organizationId: scenario.organization.id } : {}),
  ...(scenario?.organization?.managementAccountId
    ? { managementAccountId: scenario.organization.managementAccountId }
    : {}),
  ...(scenario?.deployment ? { orgwardenAccountId: scenario.deployment.accountId } : {}),
  ...(scenario?.organization?.featureSet ? { featureSet: scenario.organization.featureSet } : {}),
  ...(scenario?.policy ? { policy: scenario.policy } : {}),
  ...(scenario?.delivery ? { deliveryFaults: scenario.delivery } : {}),
  ...(scenario?.macie ? { macie: { regions: scenario.macie.regions } } : {}),
  ...(scenario?.securityIr
    ? {
        // Failures are injected by the scenario runner when it starts playing.
        securityIr: {
          ...(scenario.securityIr.cancellation
            ? {
                cancellation:
                  scenario.securityIr.cancellation.mode === 'billing-cycle' && scenario.securityIr.cancellation.anchor
                    ? { mode: 'billing-cycle', anchor: new Date(scenario.securityIr.cancellation.anchor) }
                    : { mode: scenario.securityIr.cancellation.mode },
              }
            : {}),
          ...(scenario.securityIr.coveragePropagationSeconds === undefined
            ? {}
            : { coveragePropagationSeconds: scenario.securityIr.coveragePropagationSeconds }),
        },
      }
    : {}),
});
