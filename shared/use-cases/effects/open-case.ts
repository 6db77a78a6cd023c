import { createHash } from 'node:crypto';
import type { LedgerEntry } from '../../domain/ledger';
import type { Clock } from '../../ports/clock';
import type { OpenCaseRequest, SecurityIncidentResponse } from '../../ports/security-ir';
import { outcomeFollowUp } from './answer-handshake';
import { outcomeOfError, type EffectExecutor, type EffectOutcome } from './effect-executor';

export type OpenCasePayload = Omit<OpenCaseRequest, 'clientToken'>;

/**
 * The idempotency token of a case: derived from the ledger id, so that a retry, a duplicate or a
 * replay of the same effect opens the same case, never a second one. (Security IR's clientToken
 * is at most 100 characters; a hash keeps any ledger id under it.)
 */
export const clientTokenOf = (ledgerId: string): string => `orgwarden-${createHash('sha256').update(ledgerId).digest('hex').slice(0, 48)}`;

/** Opens a Security Incident Response case (`open-case`) and announces the outcome. */
export const openCaseExecutor = (securityIr: () => SecurityIncidentResponse, clock: Clock): EffectExecutor<OpenCasePayload> => ({
  action: 'open-case',
  async run(entries: readonly LedgerEntry<OpenCasePayload>[]): Promise<EffectOutcome[]> {
    const outcomes: EffectOutcome[] = [];
    for (const entry of entries) {
      try {
        const { caseId } = await securityIr().openCase({ ...entry.payload, clientToken: clientTokenOf(entry.id) });
        outcomes.push({ status: 'done', followUps: [outcomeFollowUp(entry, 'executed', clock.now(), caseId)] });
      } catch (error) {
        outcomes.push(outcomeOfError(error, (refusal) => [outcomeFollowUp(entry, 'failed', clock.now(), undefined, refusal.message)]));
      }
    }
    return outcomes;
  },
});
