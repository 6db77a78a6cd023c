export { SecurityIrEmulator } from './emulator';
export { organizationTreeOf, SECURITY_IR_PRINCIPAL } from './coverage';
export { endOfMembershipMonth } from './memberships';
export { REDACTED, SECURITY_IR_EVENT_SOURCE, SECURITY_IR_SOURCE } from './cloudtrail';
export { SecurityIrServiceError } from './errors';
export type {
  CancellationDetailType,
  EmulatedEvent,
  FailureRule,
  InjectableError,
  OrganizationTree,
  SecurityIrEmulatorOptions,
  SecurityIrRecordedCall,
} from './types';
export { reviveTimestamps } from './timestamps';
