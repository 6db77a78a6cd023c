import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import type { MayBeUnrecognized } from '../unrecognized';
import { defineSubjectType, subjectId } from './subject-type';

/** An AWS account's membership of the organization. */
export const accountStates = ['JOINED', 'DEPARTED'] as const;
export type AccountMembership = (typeof accountStates)[number];

/**
 * `Account.State` of the Organizations API (which replaced the retired `Status` in September 2026): the model's
 * `AccountState`.
 */
export const accountLifecycleStates = [
  'PENDING_ACTIVATION',
  'ACTIVE',
  'SUSPENDED',
  'PENDING_CLOSURE',
  'CLOSED',
] as const;

/** An account can leave and be invited back, so both moves are always possible. */
export const canAccountMove = (from: string, to: string): boolean => from !== to;

export interface AccountData extends MayBeUnrecognized {
  readonly id: string;
  readonly state: AccountMembership;
  readonly name?: string;
  /** Kept to match invitations sent to an email address; never published. */
  readonly email?: string;
  /** `Account.State` (`accountLifecycleStates`), as read: one orgwarden does not know is noted in `unrecognized`. */
  readonly accountState?: string;
  readonly joinedMethod?: string;
  readonly joinedAt?: string;
}

/** The AccountId pattern of the Organizations service model. */
export const accountIdPattern = /^\d{12}$/;

export const accountSubject = (id: string): string => subjectId({ kind: 'account', id: id });

const publicAccount = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  accountState: z.optional(z.string()),
  joinedMethod: z.optional(z.string()),
  joinedAt: z.optional(z.string()),
});

/** What an account the organization no longer has is recorded as. */
const departed = 'DEPARTED' satisfies (typeof accountStates)[number];

/** Accounts (`account:<id>`), re-read with DescribeAccount; one that is not a member has departed. */
export const accountType = defineSubjectType<AccountData>({
  kind: 'account',
  idPattern: accountIdPattern,
  states: accountStates,
  canMove: canAccountMove,
  isFinal: () => false,
  goneState: departed,
  whenMissing: (id) => ({ record: { id, state: departed } }),
  // AccountJoinedOrganization and AccountDepartedOrganization, service events of the management
  // account, announce every join and departure (a direct acceptance of another organization's
  // invitation included: it departs with no call, but with the service event).
  announcedByEvents: () => true,
  published: {
    detailType: detailTypes.accountMembershipChanged,
    field: 'account',
    schema: publicAccount,
    describe: ({ state: _state, email: _email, ...account }) => ({ ...account }),
    resources: () => [],
  },
});
