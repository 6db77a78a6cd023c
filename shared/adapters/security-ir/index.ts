// The Security Incident Response client, with the names of @aws-sdk/client-security-ir (see README.md).
export { SecurityIRClient } from './security-ir-client';
export type { SecurityIRClientConfig, SecurityIRClientResolvedConfig } from './security-ir-client';
export { Command as $Command } from '@smithy/core/client';
export * from './generated/commands';
export * from './generated/paginators';
// The static schemas are public in the official client too (`GetMembership$`, `errorTypeRegistries`, …).
export * from './generated/schemas';
export * from './generated/enums';
export type * from './generated/models';
export * from './generated/errors';
export { SecurityIRServiceException } from './security-ir-service-exception';
