import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import {
  notesOf,
  unrecognizedPart,
  withUnknownStates,
  type MayBeUnrecognized,
  type OrUnrecognized,
} from '../unrecognized';
import { defineSubjectType } from './subject-type';

/**
 * Whether the Security Incident Response membership covers an account: what
 * BatchGetMemberAccountDetails answered (`Unknown`: an error for that account), `NoMembership` when
 * the organization has no membership that covers accounts (none, only terminated ones, or a
 * standalone one: the membership's own subject says why), and `Departed` once the account left.
 */
export const coverageStates = [
  'Associated',
  'Disassociated',
  'Unassociated',
  'Unknown',
  'NoMembership',
  'Departed',
] as const;
export type CoverageState = (typeof coverageStates)[number];

/** What the coverage of an account the organization no longer has is recorded as. */
const departed = 'Departed' satisfies CoverageState;

/** The states in which the membership does not cover an account it could cover: a gap. */
export const gapStates: ReadonlySet<string> = new Set<CoverageState>(['Disassociated', 'Unassociated', 'Unknown']);

/**
 * What orgwarden keeps of one account's coverage (`coverage:<account>`). Only what changes with the
 * coverage itself: a stable shape, so that the audit compares it by digest, and the check of an
 * account that joined or moved records the same shape (see `coverageData`).
 */
export interface CoverageData extends MayBeUnrecognized {
  readonly id: string;
  /** A relationship status the model does not list is kept as read: never a gap, nothing acts on it. */
  readonly state: OrUnrecognized<CoverageState>;
  readonly membershipId?: string;
  /** The service's error code for the account (state `Unknown`). */
  readonly error?: string;
}

const isState = (state: string): state is CoverageState => (coverageStates as readonly string[]).includes(state);

/**
 * The relationship statuses of the Security IR model (`MembershipAccountRelationshipStatus`), and `Unknown` for an
 * error.
 */
const answered = ['Associated', 'Disassociated', 'Unassociated', 'Unknown'];

/**
 * What BatchGetMemberAccountDetails said of one account, as the subject records it (a status AWS added since, as read).
 */
export const coverageData = (
  accountId: string,
  membershipId: string,
  status: OrUnrecognized<'Associated' | 'Disassociated' | 'Unassociated' | 'Unknown'>,
  error?: string,
): CoverageData => ({
  id: accountId,
  state: status,
  membershipId,
  ...(status === 'Unknown' && error ? { error } : {}),
  ...unrecognizedPart(notesOf(answered, status, 'coverage.relationshipStatus')),
});

/**
 * The coverage of each account (`coverage:<account id>`): orgwarden's own bookkeeping, so that a gap
 * the audit finds is reported once per change, not at every run. Its transitions are kept (snapshot,
 * history) but never announced as such (`silent`): a loss of coverage is announced by the coverage
 * check it plans (`Coverage Gap Detected`, the event path's reaction). Never re-read one by one: the
 * audit reads every account in batches of 100, and an account the audit no longer lists has departed.
 */
export const coverageType = defineSubjectType<CoverageData>({
  kind: 'coverage',
  idPattern: /^\d{12}$/,
  states: coverageStates,
  silent: true,
  canMove: withUnknownStates(
    coverageStates,
    (from, to) => isState(from) && isState(to) && from !== to,
    () => false,
  ),
  isFinal: () => false,
  goneState: departed,
  whenMissing: (id) => ({ record: { id, state: departed } }),
  published: {
    // Never used (silent): the shape a `Coverage Gap Detected` detail gives of the account.
    detailType: detailTypes.coverageGapDetected,
    field: 'coverage',
    schema: z.object({ id: z.string(), membershipId: z.optional(z.string()) }),
    describe: ({ id, membershipId }) => ({ id, ...(membershipId ? { membershipId } : {}) }),
    resources: () => [],
  },
});
