import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { customEndpointFunctions, EndpointCache, resolveEndpoint } from '@smithy/core/endpoints';
import type { Endpoint, EndpointParameters as __EndpointParameters, EndpointV2, Logger, Provider } from '@smithy/types';
import type { EndpointParams } from '@smithy/core/endpoints';
import { ruleSet } from './generated/endpoint-rule-set';
import { serviceMetadata } from './generated/service';

/**
 * Endpoint parameters of the Security IR rule set: UseFIPS, Endpoint and Region only. The rule set has no
 * UseDualStack parameter because every Security IR endpoint is already dual-stack (`*.api.aws`).
 */
export interface ClientInputEndpointParameters {
  useFipsEndpoint?: boolean | undefined | Provider<boolean | undefined>;
  endpoint?: string | Provider<string> | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2>;
  region?: string | undefined | Provider<string | undefined>;
}

export type ClientResolvedEndpointParameters = Omit<ClientInputEndpointParameters, 'endpoint'> & {
  defaultSigningName: string;
};

export interface EndpointParameters extends __EndpointParameters {
  UseFIPS?: boolean | undefined;
  Endpoint?: string | undefined;
  Region?: string | undefined;
}

export const resolveClientEndpointParameters = <T>(
  options: T & ClientInputEndpointParameters,
): T & ClientResolvedEndpointParameters =>
  Object.assign(options, {
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: serviceMetadata.signingName,
  });

/** Where each rule-set parameter comes from in the client configuration. */
export const commonParams = {
  UseFIPS: { type: 'builtInParams', name: 'useFipsEndpoint' },
  Endpoint: { type: 'builtInParams', name: 'endpoint' },
  Region: { type: 'builtInParams', name: 'region' },
} as const;

const cache = new EndpointCache({ size: 50, params: ['Endpoint', 'Region', 'UseFIPS'] });

// The rule set uses aws.partition (region -> DNS suffixes); the official clients register it the same way.
customEndpointFunctions.aws = awsEndpointFunctions;

/**
 * Evaluates the service's endpoint rule set. The official clients now ship it compiled to a decision diagram;
 * @smithy/core still evaluates the rule-set JSON itself with resolveEndpoint, which gives the same endpoints.
 */
export const defaultEndpointResolver = (
  endpointParams: EndpointParameters,
  context: { logger?: Logger } = {},
): EndpointV2 =>
  cache.get(endpointParams as EndpointParams, () =>
    resolveEndpoint(ruleSet, { endpointParams: endpointParams as EndpointParams, logger: context.logger }),
  );
