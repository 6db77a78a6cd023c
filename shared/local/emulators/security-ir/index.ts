export { SecurityIrEmulator } from './emulator';
export { organizationTreeOf, SECURITY_IR_PRINCIPAL } from './coverage';
export {
  DEFAULT_CANCELLATION,
  DOCUMENTED_CYCLE_END,
  deactivationOf,
  endOfBillingCycle,
  endOfMembershipMonth,
} from './cancellation';
export { REDACTED, SECURITY_IR_EVENT_SOURCE, SECURITY_IR_SOURCE } from './cloudtrail';
export { SecurityIrServiceError } from './errors';
export type {
  CancellationDetailType,
  CancellationWindow,
  DelegatedAdministratorChange,
  EmulatedEvent,
  FailureRule,
  InjectableError,
  OrganizationTree,
  SecurityIrEmulatorOptions,
  SecurityIrRecordedCall,
} from './types';
export { reviveTimestamps } from './timestamps';
