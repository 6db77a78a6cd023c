export { OrganizationsEmulator } from './emulator';
export type { CallMeta } from '../common/types';
export { credentialsFor, callerFromAccessKey, accessKeyIdFromAuthorization } from '../common/credentials';
export type { Caller, CredentialKind } from '../common/credentials';
export { OrganizationsServiceError } from './errors';
export { EmulatorResponseInvalidError } from '../common/errors';
export { HANDSHAKE_LIFETIME_DAYS, CLOSED_HANDSHAKE_RETENTION_DAYS } from './lifecycle';
export { REDACTED } from './cloudtrail';
export type { EmulatedEvent, OrganizationsEmulatorOptions, OutsideAccount, RecordedCall } from './types';
