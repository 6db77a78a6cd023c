import { createHash } from 'node:crypto';
import { ConcurrentUpdateError, PermanentError, SubjectNotFoundError, TransientError } from '../../domain/errors';
import type { LedgerEntry } from '../../domain/ledger';
import { caseHourOf, casePartyKey, type CaseParty } from '../../domain/policy/case-party';
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
  readonly party?: string;
}

/**
 * The idempotency token of a case: derived from the ledger id, so that a retry, a duplicate or a
 * replay of the same effect opens the same case, never a second one. (Security IR's clientToken
 * is at most 100 characters; a hash keeps any ledger id under it.)
 */
export const clientTokenOf = (ledgerId: string): string => `orgwarden-${createHash('sha256').update(ledgerId).digest('hex').slice(0, 48)}`;

/**
 * The token of a finding's comment on one case (CreateCaseComment takes a clientToken, as CreateCase
 * does): the case is part of it, because the same finding may go to another case once the first
 * was closed, and a token reused with another request is refused.
 */
const commentTokenOf = (ledgerId: string, caseId: string): string => clientTokenOf(`${ledgerId}#comment#${caseId}`);

/** The last line of a finding's comment: how a retry recognises a comment an earlier attempt posted. */
const markerOf = (ledgerId: string): string => `orgwarden finding ${ledgerId}`;

const commentBody = (entry: LedgerEntry<OpenCasePayload>, party: string): string =>
  `A further finding about ${party}: ${entry.payload.title}\n\n${entry.payload.description}\n\n${markerOf(entry.id)}`;

/**
 * The policy's cap on new cases per hour was reached: this finding gets no case (it is still
 * reported by its `Untrusted Party Detected`). Permanent: the finding is not held back for a later
 * hour, where it would open a case the team could no longer place in time.
 */
export class IncidentCaseCapReachedError extends PermanentError {
  override readonly name: string = 'IncidentCaseCapReachedError';
}

/** Another finding about the same party is opening its case right now: comment on it once it is open. */
export class PartyCaseOpeningError extends TransientError {
  override readonly name: string = 'PartyCaseOpeningError';
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

const requestOf = (payload: OpenCasePayload, clientToken: string): OpenCaseRequest => {
  const { party: _party, outsideParties: _outside, ...request } = payload;
  return { ...request, clientToken };
};

/**
 * Sends one finding to its party's case: opens the party's case when it has none open (counted
 * against the hourly cap), comments on it otherwise; a case the team closed takes no more
 * comments, and the next finding opens a new one. Exactly once: the party's record is taken with a
 * conditional write before CreateCase (two findings racing for a first case end with one case),
 * CreateCase and CreateCaseComment carry tokens derived from the ledger id, and a retry re-reads
 * the case's comments before commenting.
 */
export const sendToPartyCase = async (deps: PartyCaseDeps, entry: LedgerEntry<OpenCasePayload>, party: CaseParty): Promise<CaseUse> => {
  const key = casePartyKey(party);
  const store = deps.cases();
  const retried = entry.attempts > 1;

  const open = async (): Promise<CaseUse> => {
    let caseId: string;
    try {
      ({ caseId } = await deps.securityIr().openCase(requestOf(entry.payload, clientTokenOf(entry.id))));
    } catch (error) {
      // Refused for good: the party is not held by a case that will never exist, nor the hour's count.
      if (error instanceof PermanentError) await store.releasePartyCase(key, entry.id);
      throw error;
    }
    await store.recordPartyCase(key, entry.id, caseId);
    return { caseId, use: 'opened', party: key };
  };

  const take = async (replacing?: string): Promise<'taken' | 'lost'> => {
    const now = deps.clock.now();
    const hour = caseHourOf(now);
    const result = await store.takePartyCase({ party: key, openedBy: entry.id, at: now.toISOString(), hour, cap: deps.maxNewCasesPerHour, ...(replacing ? { replacing } : {}) });
    if (result === 'capped') {
      throw new IncidentCaseCapReachedError(
        `no case opened for ${key}: ${deps.maxNewCasesPerHour} new cases were opened in the hour from ${hour}:00Z already (policy incidentCase.maxNewCasesPerHour); the finding stays reported by its Untrusted Party Detected`,
      );
    }
    return result;
  };

  const closed = async (caseId: string): Promise<boolean> => {
    try {
      return (await deps.securityIr().readCase(caseId)).closed;
    } catch (error) {
      // A case of this account that no longer exists takes no comments either.
      if (error instanceof SubjectNotFoundError) return true;
      throw error;
    }
  };

  const commentedBefore = async (caseId: string): Promise<boolean> => {
    const marker = markerOf(entry.id);
    return (await deps.securityIr().listCaseComments(caseId)).some((comment) => comment.body.trimEnd().endsWith(marker));
  };

  /** Comments on the party's open case; `undefined` when it turned out closed meanwhile. */
  const comment = async (caseId: string): Promise<CaseUse | undefined> => {
    if (retried && (await commentedBefore(caseId))) return { caseId, use: 'commented', party: key };
    try {
      await deps.securityIr().commentOnCase(caseId, commentBody(entry, key), commentTokenOf(entry.id, caseId));
      return { caseId, use: 'commented', party: key };
    } catch (error) {
      // Closed between GetCase and the comment (the refusal of a closed case is not documented).
      if (error instanceof PermanentError && (await closed(caseId))) return undefined;
      throw error;
    }
  };

  for (let round = 0; round < maxRounds; round++) {
    const held: PartyCase | undefined = await store.getPartyCase(key);
    if (!held || held.state === 'released') {
      if ((await take()) === 'taken') return open();
      continue;
    }
    if (held.openedBy === entry.id) {
      // An earlier attempt of this finding took the record: open (the same token gives the same case) or done.
      if (held.state === 'opening' || !held.caseId) return open();
      return { caseId: held.caseId, use: 'opened', party: key };
    }
    if (held.state === 'opening' || !held.caseId) throw new PartyCaseOpeningError(`the case of ${key} is being opened by ${held.openedBy}: this finding is commented on it once it is open`);
    if (!(await closed(held.caseId))) {
      const used = await comment(held.caseId);
      if (used) return used;
    } else if (retried && (await commentedBefore(held.caseId))) {
      // This finding's comment went to the case before the team closed it.
      return { caseId: held.caseId, use: 'commented', party: key };
    }
    if ((await take(held.caseId)) === 'taken') return open();
  }
  throw new ConcurrentUpdateError(`the case of ${key} kept changing under this finding (${entry.id}): retried later`);
};
