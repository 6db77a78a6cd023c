import {
  getHostHeaderPlugin,
  getLoggerPlugin,
  getRecursionDetectionPlugin,
  getUserAgentPlugin,
  resolveHostHeaderConfig,
  resolveUserAgentConfig,
} from '@aws-sdk/core/client';
import {
  DefaultIdentityProviderConfig,
  getHttpAuthSchemeEndpointRuleSetPlugin,
  getHttpSigningPlugin,
} from '@smithy/core';
import { Client as __Client } from '@smithy/core/client';
import { resolveRegionConfig } from '@smithy/core/config';
import { resolveEndpointConfig } from '@smithy/core/endpoints';
import { getContentLengthPlugin } from '@smithy/core/protocols';
import { getRetryPlugin, resolveRetryConfig } from '@smithy/core/retry';
import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type {
  CheckOptionalClientConfig as __CheckOptionalClientConfig,
  HttpHandlerOptions as __HttpHandlerOptions,
} from '@smithy/types';
import { defaultSecurityIRHttpAuthSchemeParametersProvider, resolveHttpAuthSchemeConfig } from './auth-scheme';
import type {
  SecurityIRClientConfig,
  SecurityIRClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from './client-config';
import { resolveClientEndpointParameters } from './endpoint';
import { getRuntimeConfig } from './runtime-config';
import { resolveRuntimeExtensions } from './runtime-extensions';
import { getInputValidationPlugin } from './validation';

// The client's configuration types live in client-config.ts (its parts are typed by it); importers find them here.
export type {
  ClientDefaults,
  SecurityIRClientConfig,
  SecurityIRClientConfigType,
  SecurityIRClientResolvedConfig,
  SecurityIRClientResolvedConfigType,
  ServiceInputTypes,
  ServiceOutputTypes,
} from './client-config';

/**
 * Security Incident Response client, assembled like the official SDK v3 clients: schema-based rest-json serde,
 * SigV4, endpoint rule set, standard retries, user agent, host header, logger and recursion detection; plus a
 * client-side check of the inputs against the model's constraints.
 */
export class SecurityIRClient extends __Client<
  __HttpHandlerOptions,
  ServiceInputTypes,
  ServiceOutputTypes,
  SecurityIRClientResolvedConfig
> {
  declare readonly config: SecurityIRClientResolvedConfig;

  constructor(...[configuration]: __CheckOptionalClientConfig<SecurityIRClientConfig>) {
    const config0 = getRuntimeConfig(configuration ?? {});
    // The resolvers are the generic ones of @smithy/core and @aws-sdk/core; their typings do not compose.
    super(config0 as unknown as SecurityIRClientResolvedConfig);
    this.initConfig = config0;
    const config1 = resolveClientEndpointParameters(config0);
    const config2 = resolveUserAgentConfig(config1);
    const config3 = resolveRetryConfig(config2);
    const config4 = resolveRegionConfig(config3);
    const config5 = resolveHostHeaderConfig(config4);
    const config6 = resolveEndpointConfig(config5);
    const config7 = resolveHttpAuthSchemeConfig(config6);
    const config8 = resolveRuntimeExtensions(config7, configuration?.extensions ?? []);
    this.config = config8 as unknown as SecurityIRClientResolvedConfig;
    // The same plugins, in the same order, as the official clients (plus input validation first). Their
    // factories in @smithy/core and @aws-sdk/core are typed Pluggable<any, any>.
    /* eslint-disable @typescript-eslint/no-unsafe-argument */
    this.middlewareStack.use(getInputValidationPlugin());
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    // Retries: the standard strategy (or adaptive with retryMode) of @smithy/core. ThrottlingException is
    // $retryable throttling (429), InternalServerException and InvalidTokenException are $retryable per the
    // model, 5xx are transient. retryAfterSeconds needs no custom strategy: the model binds it to the
    // `Retry-After` header, which the retry middleware already reads into the strategy's retryAfterHint; the
    // wait is then max(backoff, hint), the hint being capped at backoff + 5 s so that a Lambda is not parked
    // for a long time. Pass `retryStrategy` (e.g. ConfiguredRetryStrategy) for another policy.
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(
      getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
        httpAuthSchemeParametersProvider: defaultSecurityIRHttpAuthSchemeParametersProvider,
        identityProviderConfigProvider: (config) =>
          Promise.resolve(new DefaultIdentityProviderConfig({ 'aws.auth#sigv4': config.credentials })),
      }),
    );
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
    /* eslint-enable @typescript-eslint/no-unsafe-argument */
  }
}
