/** An AWS account's membership of the organization. */
export const accountStates = ['JOINED', 'DEPARTED'] as const;
export type AccountState = (typeof accountStates)[number];

/** An account can leave and be invited back, so both moves are always possible. */
export const canAccountMove = (from: AccountState, to: AccountState): boolean => from !== to;

export interface AccountData {
  readonly id: string;
  readonly state: AccountState;
  readonly name?: string;
  readonly email?: string;
  readonly status?: string;
  readonly joinedMethod?: string;
  readonly joinedAt?: string;
}

export const accountSubject = (id: string): string => `account:${id}`;
