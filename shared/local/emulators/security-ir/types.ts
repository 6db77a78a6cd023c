import type { EmulatedEvent, RecordedCallOf } from '../common/types';

export type { EmulatedEvent };

/** The error shapes of the Security IR model a scenario or a test can inject. */
export type InjectableError =
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'ServiceQuotaExceededException'
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'ResourceNotFoundException'
  | 'ValidationException'
  | 'SecurityIncidentResponseNotActiveException'
  | 'InvalidTokenException';

/**
 * A share of calls to fail before the emulator looks at them, as the service's front door would
 * (throttling, 5xx). Deterministic: `times` counts matching calls, `rate` draws from a seeded
 * generator. Neither: every matching call fails.
 */
export interface FailureRule {
  /** The operation to fail, e.g. `UpdateMembership`; default every operation. */
  operation?: string;
  error: InjectableError;
  /** Let this many matching calls through first (e.g. 1: fail from the second call on). */
  skip?: number;
  /** Fail at most this many matching calls, then let them through. */
  times?: number;
  /** Fail this fraction (0..1] of matching calls, drawn from the seeded generator. */
  rate?: number;
  /** Sent as `Retry-After` (the model's `retryAfterSeconds`) on throttling and 5xx errors. */
  retryAfterSeconds?: number;
  message?: string;
}

/**
 * What the emulator needs to know of the AWS Organizations tree to answer coverage questions. Real
 * Security IR reads it through its service-linked role; `organizationTreeOf` builds one from the
 * Organizations emulator.
 */
export interface OrganizationTree {
  /** The organization an account belongs to; undefined when it belongs to none. */
  organizationOf(accountId: string): Promise<{ id: string; managementAccountId: string } | undefined>;
  /** Every account of the organization, the management account included. */
  accountIds(): Promise<string[]>;
  /** Accounts under a root or an OU, child OUs included; undefined when no such parent exists. */
  accountsUnder(parentId: string): Promise<string[] | undefined>;
}

/** The spellings AWS documents for the event of a cancellation (EventBridge reference / user guide example). */
export type CancellationDetailType = 'Membership Cancelled' | 'Membership Closed';

/** Options of the Security IR emulator. */
export interface SecurityIrEmulatorOptions {
  /** The scenario clock: timestamps, month ends and event times come from it. */
  clock: () => Date;
  /** The region the emulated endpoint stands for; default `us-east-1`. */
  region?: string;
  /** The organization tree; without it every membership is `Standalone`. */
  organization?: OrganizationTree;
  /** An account allowed, besides the management account, to hold the organization's membership. */
  delegatedAdministratorAccountId?: string;
  /** Receives, in order, what the default bus of `eventAccountId` in `region` would receive. */
  onEvent?: (event: EmulatedEvent) => void | Promise<void>;
  /** Only this account's events reach `onEvent` (all are kept in `events`); default every account's. */
  eventAccountId?: string;
  /** Default `Membership Cancelled` (the EventBridge events reference). */
  cancellationDetailType?: CancellationDetailType;
  /** Failures to inject from the start; `injectFailures` adds more. */
  failures?: FailureRule[];
  /** Seed of the generator behind `FailureRule.rate`; default 1. */
  failureSeed?: number;
  /** A seedable generator in [0, 1) for reproducible ids; default Math.random. */
  random?: () => number;
}

/**
 * One request the emulator answered, successful or not; `input` is the request as bound from the
 * wire (labels, query, headers and body members by name).
 */
export type SecurityIrRecordedCall = RecordedCallOf<'security-ir'>;

export type MembershipStatus = 'Active' | 'Cancelled' | 'Terminated';

export interface MembershipRecord {
  id: string;
  accountId: string;
  region: string;
  name: string;
  status: MembershipStatus;
  customerType: 'Standalone' | 'Organization';
  organizationId?: string;
  activatedAt: Date;
  /** Set by a cancellation: the first instant of the next month (UTC), when the membership ends. */
  deactivatedAt?: Date;
  coverEntireOrganization: boolean;
  organizationalUnits: string[];
  incidentResponseTeam: unknown[];
  optInFeatures?: unknown[];
  /** Accounts this membership ever covered: they read `Disassociated` once they no longer are. */
  everCovered: Set<string>;
}

export type CaseStatus =
  | 'Submitted'
  | 'Acknowledged'
  | 'Detection and Analysis'
  | 'Containment, Eradication and Recovery'
  | 'Post-incident Activities'
  | 'Ready to Close'
  | 'Closed';

export interface CaseRecord {
  id: string;
  /** The membership account that owns the case. */
  accountId: string;
  membershipId: string;
  status: CaseStatus;
  resolverType: 'AWS' | 'Self';
  fields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  closedAt?: Date;
  comments: { id: string; body: string; createdBy: string; at: Date }[];
}
