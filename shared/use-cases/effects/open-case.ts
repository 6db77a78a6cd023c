import type { LedgerEntry, PlannedEffect } from '../../domain/ledger';
import { reactionEvent } from '../../domain/published-events';
import type { Clock } from '../../ports/clock';
import type { PartyCases } from '../../ports/party-cases';
import type { SecurityIncidentResponse } from '../../ports/security-ir';
import { outcomeOfError, type EffectOutcome, type Effect } from './effect';
import { casePartyKey } from '../../domain/policy/case-party';
import { sendToPartyCase, type CaseUse, type OpenCasePayload } from './party-case';
export { clientTokenOf, type OpenCasePayload } from './party-case';

/** How findings are grouped into cases: the parties' records and the policy's cap on new cases per hour. */
export interface CaseGrouping {
  readonly cases: () => PartyCases;
  readonly maxNewCasesPerHour: number;
}

/** What sending findings to cases runs with. */
export interface OpenCaseDeps {
  readonly securityIr: () => SecurityIncidentResponse;
  readonly clock: Clock;
  readonly grouping: CaseGrouping;
}

/** The announcement of a finding's case (`Reaction Executed` / `Failed`), a follow-up of its entry. */
const announce = (entry: LedgerEntry<OpenCasePayload>, at: Date, used?: CaseUse, failure?: string): PlannedEffect => {
  const outsideParties = entry.payload.outsideParties;
  return {
    action: 'publish',
    key: 'publish:outcome:open-case',
    payload: reactionEvent({
      ledgerId: entry.id,
      subject: entry.subject,
      version: entry.version,
      action: entry.action,
      outcome: used ? 'executed' : 'failed',
      at: at.toISOString(),
      ...(used ? { target: used.caseId, incidentCase: used } : {}),
      ...(failure ? { reason: failure } : {}),
      ...(outsideParties ? { outsideParties } : {}),
    }),
  };
};

/**
 * Sends an untrusted party's finding to a Security Incident Response case (`open-case`) and
 * announces where it went. Each outside party has at most one open case: the first finding opens
 * it (within the policy's cap on new cases per hour), later ones are comments on it, and once the
 * team closes it the next finding opens a new one (shared/use-cases/effects/party-case.ts). A
 * finding over the cap, or refused for good, is announced as `Reaction Failed` with the reason;
 * throttling and 5xx are retried.
 */
export const openCase: Effect<OpenCaseDeps, OpenCasePayload> = {
  action: 'open-case',
  // CreateCase needs security-ir:TagResource only with tags, which orgwarden never sends. One open
  // case per outside party: later findings are comments (CreateCaseComment, idempotent on its
  // clientToken) once GetCase says the case is not closed.
  permissions: ['security-ir:CreateCase', 'security-ir:CreateCaseComment', 'security-ir:GetCase'],
  async run(
    { securityIr, clock, grouping },
    entries: readonly LedgerEntry<OpenCasePayload>[],
  ): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    // One at a time: a party's later findings must see the case its first one opened.
    for (const entry of entries) {
      try {
        // An entry planned before cases were grouped names no party: a party of its own, a case of its own.
        const party = entry.payload.party ? casePartyKey(entry.payload.party) : `finding:${entry.id}`;
        const used = await sendToPartyCase({ securityIr, clock, ...grouping }, entry, party);
        outcomes.push({ status: 'done', followUps: [announce(entry, clock.now(), used)] });
      } catch (error) {
        outcomes.push(outcomeOfError(error, (refusal) => [announce(entry, clock.now(), undefined, refusal.message)]));
      }
    }
    return outcomes;
  },
};
