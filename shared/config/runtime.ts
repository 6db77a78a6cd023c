import type { AwsCredentialIdentity } from '@smithy/types';
import { systemClock, type Clock } from '../ports/clock';

/** The services orgwarden's functions call. */
export type ServiceName = 'dynamodb' | 'organizations' | 'eventbridge' | 'sqs' | 'securityIr' | 'macie';

/**
 * What differs between Lambda and the local stack, passed to every function's factory: the clock,
 * and where and as whom the AWS clients connect. In Lambda: the system clock, the SDK's endpoints,
 * the credentials Lambda puts in the environment.
 */
export interface Runtime {
  readonly clock: Clock;
  readonly endpoints?: Partial<Record<ServiceName, string>>;
  readonly credentials?: AwsCredentialIdentity;
  /** Where the functions' metric lines (EMF) go; absent: standard output, as Lambda's log group takes them. */
  readonly metricLines?: (line: string) => void;
}

export const lambdaRuntime: Runtime = { clock: systemClock };
