export { OrganizationsEmulator } from './emulator';
export { DEFAULT_MANAGEMENT_ACCOUNT_ID } from './types';
export type { DelegatedAdministratorListener } from './emulator';
export type { CallMeta } from '../common/types';
export { credentialsFor, callerFromAccessKey, accessKeyIdFromAuthorization } from '../common/credentials';
export type { Caller, CredentialKind } from '../common/credentials';
export type { DelayedEvent, DeliveryFaults, DroppedEvent } from '../common/delivery-faults';
export { OrganizationsServiceError } from './errors';
export { EmulatorResponseInvalidError } from '../common/errors';
export {
  HANDSHAKE_LIFETIME_DAYS,
  ENABLE_ALL_FEATURES_LIFETIME_DAYS,
  TRANSFER_ACCEPT_LEAD_HOURS,
  CLOSED_HANDSHAKE_RETENTION_DAYS,
  transferInvitationExpiry,
} from './lifecycle';
export {
  CREATED_ACCOUNT_WAIT_DAYS,
  CLOSED_ACCOUNT_RETENTION_DAYS,
  CLOSE_ACCOUNT_PENDING_MINUTES,
} from './account-lifecycle';
export { REDACTED } from './cloudtrail';
export type {
  AccountState,
  DelegatedAdministratorChange,
  EmulatedEvent,
  OrganizationsEmulatorOptions,
  OutsideAccount,
  RecordedCall,
  SilentChange,
  SilentChangeKind,
} from './types';
