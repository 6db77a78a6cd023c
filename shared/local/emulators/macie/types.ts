import type { DeliveryFaults } from '../common/delivery-faults';
import type { EmulatedEvent, RecordedCallOf } from '../common/types';

export type { EmulatedEvent };

/** The relationship statuses of the macie2 model (`RelationshipStatus`). */
export type RelationshipStatus =
  | 'Enabled'
  | 'Paused'
  | 'Invited'
  | 'Created'
  | 'Removed'
  | 'Resigned'
  | 'EmailVerificationInProgress'
  | 'EmailVerificationFailed'
  | 'RegionDisabled'
  | 'AccountSuspended';

/** The status of a Macie account (`MacieStatus`). */
export type MacieStatus = 'ENABLED' | 'PAUSED';

/** The model's `FindingPublishingFrequency`. */
export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';

/**
 * What the emulator needs to know of the AWS Organizations organization: whether an account belongs
 * to it (CreateMember then associates it through Organizations) and, when known, which account
 * manages it (only that account may designate the delegated Macie administrator). Kept this small so
 * that the Organizations emulator, a fixed set or a test double can all stand behind it.
 */
export interface OrganizationMembership {
  /** Whether the account is a member (or the management account) of the organization. */
  isMember(accountId: string): Promise<boolean> | boolean;
  /** The management account; when absent, any account of the organization may designate the administrator. */
  managementAccountId?: string;
}

/** The error shapes of the macie2 model a scenario or a test can inject. */
export type InjectableError =
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'ServiceQuotaExceededException'
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'ResourceNotFoundException'
  | 'ValidationException';

/**
 * Calls to fail before the emulator looks at them, as the service's front door would (throttling,
 * 5xx). Deterministic: `skip` lets that many matching calls through, `times` counts failures;
 * without `times`, every matching call fails.
 */
export interface FailureRule {
  /** The operation to fail, e.g. `GetMember`; default every operation. */
  operation?: string;
  /** Only calls made in this region; default every region. */
  region?: string;
  error: InjectableError;
  skip?: number;
  times?: number;
  message?: string;
}

/** Options of the Macie emulator. */
export interface MacieEmulatorOptions {
  /** The scenario clock: timestamps and event times come from it. */
  clock: () => Date;
  /** The regions the endpoint serves; a request signed for another region is refused. Default `['us-east-1']`. */
  regions?: string[];
  /**
   * The delegated Macie administrator of the organization, designated (and with Macie enabled) in
   * every region from the start, as if the management account had called
   * EnableOrganizationAdminAccount in each.
   */
  administratorAccountId?: string;
  /** The organization; without it no account is an organization member and every member is invited. */
  organization?: OrganizationMembership;
  /** Receives, in order, every event; each carries the account and region whose default bus gets it. */
  onEvent?: (event: EmulatedEvent) => void | Promise<void>;
  /** A seedable generator in [0, 1) for reproducible ids; default Math.random and random UUIDs. */
  random?: () => number;
  /**
   * How long an invitation email takes to verify (EmailVerificationInProgress) before the member reads
   * Invited (or EmailVerificationFailed for an address under `.invalid`). AWS documents no duration:
   * default 0, verified at once.
   */
  emailVerificationSeconds?: number;
  /** Failures to inject from the start; `injectFailures` adds more. */
  failures?: FailureRule[];
  /** Best-effort delivery to exercise (drops, delays, reorders; see `../common/delivery-faults.ts`); default none. */
  deliveryFaults?: DeliveryFaults;
}

/** One request the emulator answered; `input` is the request as bound from the wire, by member name. */
export type MacieRecordedCall = RecordedCallOf<'macie2'> & { region: string };

/** A Macie session: Macie enabled for an account in a region. */
export interface SessionRecord {
  status: MacieStatus;
  findingPublishingFrequency: FindingPublishingFrequency;
  createdAt: Date;
  updatedAt: Date;
}

/** An account associated with an administrator in one region. */
export interface MemberRecord {
  accountId: string;
  administratorAccountId: string;
  /** Given at CreateMember; the API shows it only for invitation-based members. */
  email: string;
  /** Associated through AWS Organizations (CreateMember by the delegated administrator). */
  viaOrganization: boolean;
  status: RelationshipStatus;
  /** The status before the world took it (RegionDisabled, AccountSuspended), restored when it gives it back. */
  heldStatus?: RelationshipStatus;
  invitedAt?: Date;
  /** The id of the last invitation sent to the account (GetAdministratorAccount shows it). */
  invitationId?: string;
  /** When an email verification started (EmailVerificationInProgress). */
  verifyingSince?: Date;
  updatedAt: Date;
}

/** A membership invitation an account received. */
export interface InvitationRecord {
  invitationId: string;
  /** The administrator that sent it. */
  accountId: string;
  invitedAt: Date;
}
