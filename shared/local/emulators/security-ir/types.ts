import type { DeliveryFaults } from '../common/delivery-faults';
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
 * A delegated administrator registered or deregistered in AWS Organizations (the shape the
 * Organizations emulator's `onDelegatedAdministratorChange` announces).
 */
export interface DelegatedAdministratorChange {
  kind: 'registered' | 'deregistered';
  accountId: string;
  /** e.g. `security-ir.amazonaws.com`; changes for other services are ignored. */
  servicePrincipal: string;
  /** When the change happened (scenario time). */
  at: Date;
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
  /**
   * Subscribes to delegated administrator changes of the organization; returns the unsubscription.
   * Absent: the delegated administrator is fixed (`delegatedAdministratorAccountId`).
   */
  onDelegatedAdministratorChange?(listener: (change: DelegatedAdministratorChange) => void | Promise<void>): () => void;
}

/**
 * How long a cancelled membership lasts; AWS documents two behaviours (see `cancellation.ts`):
 * - `billing-cycle` (default): until the end of the membership's billing cycle, which ends on the
 *   same number of days before each month's end as `anchor` (default 2025-08-29, the user guide's
 *   example: cycles end on the third-to-last day of the month, e.g. Jan 29, Feb 26, Mar 29);
 * - `immediate`: Terminated at once ("immediately upon cancellation", since November 2025);
 * - `calendar-month`: until the first instant of the next month (UTC), the emulator's former rule.
 */
export type CancellationWindow =
  { mode: 'billing-cycle'; anchor?: Date } | { mode: 'immediate' } | { mode: 'calendar-month' };

/** The spellings AWS documents for the event of a cancellation (EventBridge reference / user guide example). */
export type CancellationDetailType = 'Membership Cancelled' | 'Membership Closed';

/** Options of the Security IR emulator. */
export interface SecurityIrEmulatorOptions {
  /** The scenario clock: timestamps, deactivations, coverage propagation and event times come from it. */
  clock: () => Date;
  /** The region the emulated endpoint stands for; default `us-east-1`. */
  region?: string;
  /** The organization tree; without it every membership is `Standalone`. */
  organization?: OrganizationTree;
  /**
   * An account allowed, besides the management account, to hold the organization's membership.
   * With `organization.onDelegatedAdministratorChange`, registrations and deregistrations for
   * `security-ir.amazonaws.com` change it as they happen.
   */
  delegatedAdministratorAccountId?: string;
  /** How long a cancelled membership lasts; default `{ mode: 'billing-cycle' }`. */
  cancellation?: CancellationWindow;
  /**
   * Scenario seconds before an OU added or removed (or `coverEntireOrganization` changed) by
   * UpdateMembership shows in BatchGetMemberAccountDetails and `numberOfAccountsCovered`: AWS
   * processes it asynchronously and it "can take minutes". Default 300 (a guess: AWS gives no
   * figure); 0 applies it at once. GetMembership's configuration shows the request at once.
   */
  coveragePropagationSeconds?: number;
  /** Receives, in order, what the default bus of `eventAccountId` in `region` would receive. */
  onEvent?: (event: EmulatedEvent) => void | Promise<void>;
  /** Only this account's events reach `onEvent` (all are kept in `events`); default every account's. */
  eventAccountId?: string;
  /**
   * Best-effort delivery to exercise (drops, delays, reorders; see `../common/delivery-faults.ts`):
   * the CloudTrail records are best effort; AWS calls the native events durable, so a scenario that
   * keeps those whole names the records in `only`. Default none.
   */
  deliveryFaults?: DeliveryFaults;
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
  /** When a cancelled membership ends (or ended): set by a cancellation or a termination. */
  deactivatedAt?: Date;
  /** The coverage asked for, as GetMembership shows it. */
  coverEntireOrganization: boolean;
  organizationalUnits: string[];
  /** The coverage in effect, as BatchGetMemberAccountDetails reads it. */
  effective: CoverageConfiguration;
  /** Coverage changes not yet in effect, oldest first. */
  pendingCoverage: (CoverageConfiguration & { at: Date })[];
  incidentResponseTeam: unknown[];
  optInFeatures?: unknown[];
  /** Accounts this membership ever covered: they read `Disassociated` once they no longer are. */
  everCovered: Set<string>;
}

/** What a membership covers in an organization. */
export interface CoverageConfiguration {
  coverEntireOrganization: boolean;
  organizationalUnits: string[];
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
  comments: { id: string; body: string; createdBy: string; at: Date; updatedBy?: string; updatedAt?: Date }[];
  /** The case history ListCaseEdits reads. */
  edits: { at: Date; principal: string; action: string; message: string }[];
  attachments: {
    id: string;
    fileName: string;
    status: 'Verified' | 'Failed' | 'Pending';
    creator: string;
    createdAt: Date;
  }[];
  /** Investigation actions of AWS's agent (AWS-supported cases only). */
  investigations: InvestigationRecord[];
}

export interface InvestigationRecord {
  id: string;
  actionType: 'Evidence' | 'Investigation' | 'Summarization';
  title: string;
  content: string;
  status: 'Pending' | 'InProgress' | 'Waiting' | 'Completed' | 'Failed' | 'Cancelled';
  lastUpdated: Date;
  feedback?: { usefulness: 'USEFUL' | 'NOT_USEFUL'; comment?: string; submittedAt: Date };
}
