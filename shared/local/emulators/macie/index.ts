export { MacieEmulator } from './emulator';
export { MacieServiceError } from './errors';
export { MACIE_EVENT_SOURCE, MACIE_SOURCE } from './cloudtrail';
export { ASSOCIATED } from './state';
export type {
  EmulatedEvent,
  FailureRule,
  FindingPublishingFrequency,
  InjectableError,
  MacieEmulatorOptions,
  MacieRecordedCall,
  MacieStatus,
  OrganizationMembership,
  RelationshipStatus,
} from './types';
