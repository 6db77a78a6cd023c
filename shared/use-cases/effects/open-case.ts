import type { LedgerEntry, PlannedEffect } from '../../domain/ledger';
import { reactionEvent } from '../../domain/reaction-events';
import type { Clock } from '../../ports/clock';
import type { PartyCases } from '../../ports/party-cases';
import type { SecurityIncidentResponse } from '../../ports/security-ir';
import { outcomeOfError, type EffectExecutor, type EffectOutcome } from './effect-executor';
import { clientTokenOf, sendToPartyCase, type CaseUse, type OpenCasePayload } from './party-case';

export { clientTokenOf, type OpenCasePayload } from './party-case';

/** How findings are grouped into cases: the parties' records and the policy's cap on new cases per hour. */
export interface CaseGrouping {
  readonly cases: () => PartyCases;
  readonly maxNewCasesPerHour: number;
}

/** The announcement of a finding's case (`Reaction Executed` / `Failed`), a follow-up of its entry. */
const announce = (entry: LedgerEntry<OpenCasePayload>, at: Date, result: { readonly used: CaseUse } | { readonly failure: string }): PlannedEffect => {
  const outsideParties = entry.payload.outsideParties;
  const used = 'used' in result ? result.used : undefined;
  return {
    action: 'publish',
    key: `publish:outcome:${entry.action}`,
    payload: reactionEvent({
      ledgerId: entry.id,
      subject: entry.subject,
      version: entry.version,
      action: entry.action,
      outcome: used ? 'executed' : 'failed',
      at: at.toISOString(),
      ...(used ? { target: used.caseId } : {}),
      ...(used?.party ? { incidentCase: { caseId: used.caseId, use: used.use, party: used.party } } : {}),
      ...('failure' in result ? { reason: result.failure } : {}),
      ...(outsideParties && outsideParties.length > 0 ? { outsideParties } : {}),
    }),
  };
};

/**
 * Sends an untrusted party's finding to a Security Incident Response case (`open-case`) and
 * announces where it went. With `grouping`, each outside party has at most one open case: the
 * first finding opens it (within the policy's cap on new cases per hour), later ones are comments
 * on it, and once the team closes it the next finding opens a new one (shared/use-cases/effects/
 * party-case.ts). Without it, or for an entry planned with no party, each finding opens its own
 * case. A finding over the cap, or refused for good, is announced as `Reaction Failed` with the
 * reason; throttling and 5xx are retried.
 */
export const openCaseExecutor = (securityIr: () => SecurityIncidentResponse, clock: Clock, grouping?: CaseGrouping): EffectExecutor<OpenCasePayload> => ({
  action: 'open-case',
  async run(entries: readonly LedgerEntry<OpenCasePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    // One at a time: a party's later findings must see the case its first one opened.
    for (const entry of entries) {
      try {
        const party = entry.payload.party;
        const used: CaseUse =
          grouping && party
            ? await sendToPartyCase({ securityIr, clock, cases: grouping.cases, maxNewCasesPerHour: grouping.maxNewCasesPerHour }, entry, party)
            : await openAlone(securityIr, entry);
        outcomes.push({ status: 'done', followUps: [announce(entry, clock.now(), { used })] });
      } catch (error) {
        outcomes.push(outcomeOfError(error, (refusal) => [announce(entry, clock.now(), { failure: refusal.message })]));
      }
    }
    return outcomes;
  },
});

const openAlone = async (securityIr: () => SecurityIncidentResponse, entry: LedgerEntry<OpenCasePayload>): Promise<CaseUse> => {
  const { party: _party, outsideParties: _outside, ...request } = entry.payload;
  const { caseId } = await securityIr().openCase({ ...request, clientToken: clientTokenOf(entry.id) });
  return { caseId, use: 'opened' };
};
