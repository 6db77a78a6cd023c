import type { DeliveryFaults } from '../common/delivery-faults';
import type { EmulatedEvent, RecordedCallOf } from '../common/types';

export type { EmulatedEvent };

/** The management account of an emulated organization when nothing names one. */
export const DEFAULT_MANAGEMENT_ACCOUNT_ID = '111111111111';

/** One request the emulator answered, successful or not, whoever made it; `input` is the JSON body. */
export type RecordedCall = RecordedCallOf<'organizations'>;

/** Options of the Organizations emulator. */
export interface OrganizationsEmulatorOptions {
  /** The scenario clock: every timestamp, expiry and event time comes from it. */
  clock: () => Date;
  /** Default: `o-` + 10 generated lowercase letters or digits. */
  organizationId?: string;
  /** Default: {@link DEFAULT_MANAGEMENT_ACCOUNT_ID}. */
  managementAccountId?: string;
  /** Default: `management@example.com`. */
  managementAccountEmail?: string;
  /** Default: `Management account`. */
  managementAccountName?: string;
  /** Default `ALL`; `CONSOLIDATED_BILLING` lets a scenario exercise EnableAllFeatures. */
  featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Receives, in order, what the management account's us-east-1 default bus would receive. */
  onEvent?: (event: EmulatedEvent) => void | Promise<void>;
  /** A seedable generator in [0, 1) for reproducible ids; default Math.random and random UUIDs. Wins over `seed`. */
  random?: () => number;
  /**
   * Seeds every id the emulator generates (organization, root, OU, account, handshake, transfer,
   * create-account request, CloudTrail eventID, envelope id, request id): the same seed and the same
   * calls give byte-identical responses and events.
   */
  seed?: number;
  /** Best-effort delivery to exercise (drops, delays, reorders); default none. */
  deliveryFaults?: DeliveryFaults;
}

/** `Account.State` (the retired `Status` is no longer returned). */
export type AccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

/** A Register/DeregisterDelegatedAdministrator that succeeded (or a deregistration the service made itself). */
export interface DelegatedAdministratorChange {
  kind: 'registered' | 'deregistered';
  accountId: string;
  servicePrincipal: string;
  at: Date;
}

/** What kind of change of the world reached the management account's bus without an event of its own. */
export type SilentChangeKind =
  | 'expired'
  | 'canceled-by-enable-all-features'
  | 'answered-by-invitee'
  | 'departed'
  | 'state-changed'
  | 'delegation-dropped';

/** A change of the world the management account's bus was not told of (see the README). */
export interface SilentChange {
  /** ISO 8601, when the change happened on the scenario clock. */
  at: string;
  kind: SilentChangeKind;
  /**
   * `handshake:<id>`, `transfer:<id>`, `account:<id>` or `delegated-admin:<service principal>`, as orgwarden names its
   * subjects.
   */
  subject: string;
  text: string;
}

/** An account outside the emulated organization that a scenario wants to exist with known details. */
export interface OutsideAccount {
  id: string;
  email?: string;
  name?: string;
  /** When set, the account manages an organization of its own (it can take part in billing transfers). */
  managesOrganization?: boolean;
}

export type HandshakeAction = 'INVITE' | 'ENABLE_ALL_FEATURES' | 'APPROVE_ALL_FEATURES' | 'TRANSFER_RESPONSIBILITY';
export type HandshakeState = 'REQUESTED' | 'OPEN' | 'CANCELED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
export type TransferStatus = 'REQUESTED' | 'DECLINED' | 'CANCELED' | 'EXPIRED' | 'ACCEPTED' | 'WITHDRAWN';

/** A handshake party or resource exactly as the wire carries it. */
export interface HandshakePartyWire {
  Id: string;
  Type: 'ACCOUNT' | 'ORGANIZATION' | 'EMAIL';
}
export interface HandshakeResourceWire {
  Type: string;
  Value: string;
  Resources?: HandshakeResourceWire[];
}

/** Every account the emulator knows: members of the organization and outside accounts. */
export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  /** Present while the account is a member of the emulated organization. */
  member?: MembershipRecord;
  /** Set when the account is the management account of another (not emulated) organization. */
  externalOrganizationId?: string;
  /** Set when the account is a member of another (not emulated) organization, e.g. after accepting its invitation. */
  externalMemberOf?: string;
}

/** An account's membership of the emulated organization. */
export interface MembershipRecord {
  joinedMethod: 'INVITED' | 'CREATED';
  joinedAt: Date;
  parentId: string;
  state: AccountState;
  /** Set by CloseAccount: when the account is suspended, and when it is cleaned out of the organization. */
  closure?: { requestedAt: Date; suspendsAt: Date; cleansAt: Date };
}

/** One account registered as delegated administrator of one service. */
export interface DelegationRecord {
  accountId: string;
  servicePrincipal: string;
  at: Date;
}

export interface OrganizationalUnitRecord {
  id: string;
  name: string;
  parentId: string;
}

export interface HandshakeRecord {
  id: string;
  action: HandshakeAction;
  state: HandshakeState;
  requestedAt: Date;
  expiresAt: Date;
  /** When the handshake reached a closed state; it leaves the API 30 days later. */
  closedAt?: Date;
  /** The organization and management account on whose behalf the handshake was sent. */
  originOrganizationId: string;
  originAccountId: string;
  /** Who must answer it. */
  recipient: HandshakePartyWire;
  parties: HandshakePartyWire[];
  resources: HandshakeResourceWire[];
  parentId?: string;
  transferId?: string;
}

export interface TransferRecord {
  id: string;
  type: 'BILLING';
  status: TransferStatus;
  /** The organization whose bill is transferred (the invited party). */
  sourceAccountId: string;
  sourceOrganizationId: string;
  /** The account that manages and pays the bill (the inviting party). */
  targetAccountId: string;
  targetOrganizationId: string;
  /** Each side names the transfer for itself (UpdateResponsibilityTransfer renames the caller's side). */
  names: { source: string; target: string };
  startAt: Date;
  endAt?: Date;
  handshakeId: string;
  /** Whether the silent start and end (time passing, no event) were noted in the silent changes. */
  noted?: { started?: boolean; ended?: boolean };
}

export interface CreateAccountStatusRecord {
  id: string;
  accountName: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requestedAt: Date;
  completedAt?: Date;
  accountId?: string;
  failureReason?: string;
}

/** A service event to deliver after the call, before CloudTrail framing. */
export interface ServiceEventDraft {
  eventName: string;
  serviceEventDetails: Record<string, unknown>;
  /** When it happened, if not at the call (a change time made); default the call's time. */
  at?: Date;
}
