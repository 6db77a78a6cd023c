import { createHash } from 'node:crypto';
import {
  ConcurrentUpdateError,
  errorCodes,
  PermanentError,
  SubjectNotFoundError,
  type ErrorCode,
} from '../../domain/errors';
import type { LedgerEntry } from '../../domain/ledger';
import { caseHourOf, type CaseParty } from '../../domain/policy/case-party';
import type { Clock } from '../../ports/clock';
import type { PartyCase, PartyCases } from '../../ports/party-cases';
import type { OpenCaseRequest, SecurityIncidentResponse } from '../../ports/security-ir';

/** What a finding's case effect is planned with (by `caseFor` in the policy planner). */
export type OpenCasePayload = Omit<OpenCaseRequest, 'clientToken'> & {
  /** The party whose one open case the finding goes to; absent (planned before grouping): a case of its own. */
  readonly party?: CaseParty;
  /** The outside parties the finding names (masked in its announcement where the policy says so). */
  readonly outsideParties?: readonly string[];
};

/** Where a finding went: the party's case, opened for it or commented on. */
export interface CaseUse {
  readonly caseId: string;
  readonly use: 'opened' | 'commented';
  /** `casePartyKey`: the party whose one open case it is. */
  readonly party: string;
}

/**
 * The idempotency token of a case: derived from the ledger id, so that a retry, a duplicate or a
 * replay of the same effect opens the same case, never a second one. (Security IR's clientToken
 * is at most 100 characters; a hash keeps any ledger id under it.)
 */
export const clientTokenOf = (ledgerId: string): string =>
  `orgwarden-${createHash('sha256').update(ledgerId).digest('hex').slice(0, 48)}`;

/**
 * The token of a finding's comment on one case. CreateCaseComment takes a clientToken (an
 * `idempotencyToken` in the service model, as CreateCase's): a retry, a duplicate or a replay of the
 * finding posts the same comment, never a second one, so no re-read of the comments is needed. The
 * case is part of it: the same finding may go to another case once the first was closed, and a
 * token reused with another request is refused.
 */
const commentTokenOf = (ledgerId: string, caseId: string): string => clientTokenOf(`${ledgerId}#comment#${caseId}`);

const commentBody = (entry: LedgerEntry<OpenCasePayload>, party: string): string =>
  `Further finding about ${party}: ${entry.payload.title}\n\n${entry.payload.description}\n\nfinding ${entry.id}`;

/**
 * The policy's cap on new cases per hour was reached: this finding gets no case (it is still
 * reported by its `Untrusted Party Detected`). Permanent: the finding is not held back for a later
 * hour, where it would open a case the team could no longer place in time.
 */
export class IncidentCaseCapReachedError extends PermanentError {
  override readonly name: string = 'IncidentCaseCapReachedError';
  readonly code: ErrorCode = errorCodes.IncidentCaseCapReachedError;
}

export interface PartyCaseDeps {
  readonly securityIr: () => SecurityIncidentResponse;
  readonly cases: () => PartyCases;
  readonly clock: Clock;
  /** The policy's `incidentCase.maxNewCasesPerHour`. */
  readonly maxNewCasesPerHour: number;
}

/** Rounds of read and conditional write before a lost race is handed back as transient. */
const maxRounds = 3;

/**
 * Sends one finding to its party's case: opens the party's case when it has none open (counted
 * against the hourly cap), comments on it otherwise; a case the team closed takes no more
 * comments, and the next finding opens a new one. Exactly once: the party's record is taken with a
 * conditional write before CreateCase (two findings racing for a first case end with one case),
 * and CreateCase and CreateCaseComment carry tokens derived from the ledger id.
 */
export const sendToPartyCase = async (
  deps: PartyCaseDeps,
  entry: LedgerEntry<OpenCasePayload>,
  key: string,
): Promise<CaseUse> => {
  const store = deps.cases();

  const open = async (hour: string): Promise<CaseUse> => {
    let caseId: string;
    try {
      // The adapter sends the request's own fields only (not the party and outside parties).
      ({ caseId } = await deps.securityIr().openCase({ ...entry.payload, clientToken: clientTokenOf(entry.id) }));
    } catch (error) {
      // Refused for good: the party is not held by a case that will never exist, nor the hour's count.
      if (error instanceof PermanentError) await store.releasePartyCase(key, entry.id, hour);
      throw error;
    }
    await store.recordPartyCase(key, entry.id, caseId);
    return { caseId, use: 'opened', party: key };
  };

  /**
   * Takes the party's record for a new case: the hour it was counted in, or `undefined` when another finding changed it
   * first.
   */
  const take = async (replacing?: string): Promise<string | undefined> => {
    const hour = caseHourOf(deps.clock.now());
    const result = await store.takePartyCase({
      party: key,
      openedBy: entry.id,
      hour,
      cap: deps.maxNewCasesPerHour,
      ...(replacing ? { replacing } : {}),
    });
    if (result === 'capped')
      throw new IncidentCaseCapReachedError(
        `no case for ${key}: ${deps.maxNewCasesPerHour} new cases opened in the hour from ${hour}:00Z ` +
          `(incidentCase.maxNewCasesPerHour)`,
      );
    return result === 'taken' ? hour : undefined;
  };

  for (let round = 0; round < maxRounds; round++) {
    const held: PartyCase | undefined = await store.getPartyCase(key);
    if (!held || held.partyState === 'released') {
      const hour = await take();
      if (hour) return open(hour);
      continue;
    }
    if (held.openedBy === entry.id) {
      // An earlier attempt of this finding took the record: open (the same token gives the same case) or done.
      if (held.partyState === 'opening' || !held.caseId) return open(held.hour);
      return { caseId: held.caseId, use: 'opened', party: key };
    }
    // Another finding is opening the party's case right now: this one is a comment on it once it is open.
    if (held.partyState === 'opening' || !held.caseId)
      throw new ConcurrentUpdateError(`${key}: being opened by ${held.openedBy}`);
    // A case of this account that no longer exists takes no comments either.
    const closed = await deps
      .securityIr()
      .isCaseClosed(held.caseId)
      .catch((error: unknown) => {
        if (error instanceof SubjectNotFoundError) return true;
        throw error;
      });
    if (!closed) {
      // A case the team closes between GetCase and the comment: its refusal (undocumented) fails this finding.
      await deps
        .securityIr()
        .commentOnCase(held.caseId, commentBody(entry, key), commentTokenOf(entry.id, held.caseId));
      return { caseId: held.caseId, use: 'commented', party: key };
    }
    const hour = await take(held.caseId);
    if (hour) return open(hour);
  }
  throw new ConcurrentUpdateError(`${key}: kept changing`);
};
