import type { ForgeryKind } from './forgeries';
/**
 * What a chaos run is made of, as plain data: the world (its policy, its steps) and the faults of
 * each storm. A plan is a pure function of its seed (see generate.ts), printed on failure, so that a
 * failing seed can be read as well as re-run.
 */

export type Mode = 'notify' | 'enforce';

/** The policy's reactions a seed turns on (the rest is the default policy: notify). */
export interface PlanPolicy {
  readonly untrustedInvitation: Mode;
  readonly untrustedTransfer: Mode;
  readonly incidentCase: Mode;
  readonly restoreCancelledMembership: Mode;
  readonly coverageGap: Mode;
  readonly macieMember: Mode;
}

/** A change of the world, by whoever makes it; references (`inv2`, `acct1`) name what earlier steps made. */
export type WorldAction =
  | { readonly kind: 'invite'; readonly ref: string; readonly account: string }
  | { readonly kind: 'accept' | 'decline' | 'cancel'; readonly invitation: string }
  | { readonly kind: 'createAccount'; readonly ref: string; readonly email: string }
  | { readonly kind: 'move'; readonly account: string; readonly to: 'root' | 'workloads' | 'sandbox' }
  | { readonly kind: 'close' | 'remove'; readonly account: string }
  | { readonly kind: 'receiveTransfer'; readonly ref: string; readonly payer: string; readonly start: string }
  | { readonly kind: 'sendTransfer'; readonly ref: string; readonly payee: string; readonly start: string }
  | {
      readonly kind: 'acceptTransfer' | 'declineTransfer' | 'cancelTransfer' | 'terminateTransfer';
      readonly transfer: string;
    }
  | { readonly kind: 'cancelMembership' | 'restoreMembership' }
  | { readonly kind: 'macieAdd' | 'macieRemove'; readonly account: string };

/** The faults of the minutes after a world step. Rates are shares in [0, 1]. */
export interface Storm {
  readonly minutes: number;
  /** Organizations, Security IR and Macie calls of orgwarden's functions. */
  readonly api: number;
  /** DynamoDB writes (throttling, transaction conflicts, crashes before or after the write). */
  readonly writes: number;
  /** DynamoDB reads (throttling, 5xx). */
  readonly reads: number;
  /** PutEvents calls (failed before, lost after, one entry refused). */
  readonly putEvents: number;
  /** Delivery of the world's events. */
  readonly drop: number;
  readonly duplicate: number;
  readonly delay: number;
  readonly reorder: boolean;
  /** An archive replay (EventBridge's) or a journal replay of one event, during the storm. */
  readonly replay?: { readonly atMinute: number; readonly source: 'archive' | 'journal' };
  /** A ledger entry an attacker writes into the table during the storm (forgeries.ts). */
  readonly forgery?: { readonly atMinute: number; readonly kind: ForgeryKind };
}

export interface PlannedStep {
  readonly at: string;
  readonly action: WorldAction;
  readonly storm: Storm;
}

export interface ChaosPlan {
  readonly seed: number;
  readonly start: string;
  readonly policy: PlanPolicy;
  /** Whether the world has a Security IR membership and Macie members. */
  readonly securityIr: boolean;
  readonly macie: boolean;
  readonly steps: readonly PlannedStep[];
  /** When the world stops; the final heal runs after it. */
  readonly end: string;
}

export const managementAccountId = '111111111111';
/** Accounts the policy trusts for invitations; accounts it does not. */
export const trustedInvitees = [
  '222222222201',
  '222222222202',
  '222222222203',
  '222222222204',
  '222222222205',
  '222222222206',
];
export const untrustedInvitees = ['444444444401', '444444444402', '444444444403', '444444444404'];
/** Management accounts of other organizations: a trusted payer, an untrusted one, and a payee. */
export const trustedPayer = '777777777777';
export const untrustedPayer = '888888888888';
export const payee = '999999999999';

/** The policy document of a plan (the format of shared/config/default-policy.yaml). */
export const policyDocument = (policy: PlanPolicy): Record<string, unknown> => ({
  version: 1,
  trust: {
    invitations: { sent: { accounts: trustedInvitees } },
    billingTransfers: { payers: { accounts: [trustedPayer] } },
  },
  reactions: { ...policy, expiryWarnings: 'notify' },
  incidentCase: { watchers: [{ email: 'secops@example.com', name: 'SecOps on call' }] },
});
