import {
  getHostHeaderPlugin,
  getLoggerPlugin,
  getRecursionDetectionPlugin,
  getUserAgentPlugin,
  type HostHeaderInputConfig,
  type HostHeaderResolvedConfig,
  resolveHostHeaderConfig,
  resolveUserAgentConfig,
  type UserAgentInputConfig,
  type UserAgentResolvedConfig,
} from '@aws-sdk/core/client';
import {
  DefaultIdentityProviderConfig,
  getHttpAuthSchemeEndpointRuleSetPlugin,
  getHttpSigningPlugin,
} from '@smithy/core';
import {
  Client as __Client,
  type DefaultsMode as __DefaultsMode,
  type SmithyConfiguration as __SmithyConfiguration,
  type SmithyResolvedConfiguration as __SmithyResolvedConfiguration,
} from '@smithy/core/client';
import { type RegionInputConfig, type RegionResolvedConfig, resolveRegionConfig } from '@smithy/core/config';
import { type EndpointInputConfig, type EndpointResolvedConfig, resolveEndpointConfig } from '@smithy/core/endpoints';
import { getContentLengthPlugin, type HttpHandlerUserInput as __HttpHandlerUserInput } from '@smithy/core/protocols';
import {
  getRetryPlugin,
  resolveRetryConfig,
  type RetryInputConfig,
  type RetryResolvedConfig,
} from '@smithy/core/retry';
import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type {
  AwsCredentialIdentityProvider,
  BodyLengthCalculator as __BodyLengthCalculator,
  CheckOptionalClientConfig as __CheckOptionalClientConfig,
  ChecksumConstructor as __ChecksumConstructor,
  Decoder as __Decoder,
  Encoder as __Encoder,
  HashConstructor as __HashConstructor,
  HttpHandlerOptions as __HttpHandlerOptions,
  Logger as __Logger,
  Provider as __Provider,
  StreamCollector as __StreamCollector,
  UrlParser as __UrlParser,
  UserAgent as __UserAgent,
} from '@smithy/types';
import {
  defaultSecurityIRHttpAuthSchemeParametersProvider,
  type HttpAuthSchemeInputConfig,
  type HttpAuthSchemeResolvedConfig,
  resolveHttpAuthSchemeConfig,
} from './auth-scheme';
import {
  type ClientInputEndpointParameters,
  type ClientResolvedEndpointParameters,
  type EndpointParameters,
  resolveClientEndpointParameters,
} from './endpoint';
import type { ServiceInputTypes, ServiceOutputTypes } from './generated/commands';
import { getRuntimeConfig } from './runtime-config';
import { resolveRuntimeExtensions, type RuntimeExtension, type RuntimeExtensionsConfig } from './runtime-extensions';
import { getInputValidationPlugin } from './validation';

export type { ServiceInputTypes, ServiceOutputTypes };

export interface ClientDefaults extends Partial<__SmithyConfiguration<__HttpHandlerOptions>> {
  requestHandler?: __HttpHandlerUserInput;
  sha256?: __ChecksumConstructor | __HashConstructor;
  urlParser?: __UrlParser;
  bodyLengthChecker?: __BodyLengthCalculator;
  streamCollector?: __StreamCollector;
  base64Decoder?: __Decoder;
  base64Encoder?: __Encoder;
  utf8Decoder?: __Decoder;
  utf8Encoder?: __Encoder;
  runtime?: string;
  disableHostPrefix?: boolean;
  serviceId?: string;
  /** Accepted for parity with other clients; Security IR endpoints are always dual-stack. */
  useDualstackEndpoint?: boolean | __Provider<boolean>;
  useFipsEndpoint?: boolean | __Provider<boolean>;
  region?: string | __Provider<string>;
  profile?: string;
  defaultUserAgentProvider?: __Provider<__UserAgent>;
  /**
   * The standard Node.js credential chain (env, SSO, ini, process, web identity, ECS/IMDS) unless `credentials` is
   * given.
   */
  credentialDefaultProvider?: (input: unknown) => AwsCredentialIdentityProvider;
  maxAttempts?: number | __Provider<number>;
  retryMode?: string | __Provider<string>;
  logger?: __Logger;
  extensions?: RuntimeExtension[];
  defaultsMode?: __DefaultsMode | __Provider<__DefaultsMode>;
}

export type SecurityIRClientConfigType = Partial<__SmithyConfiguration<__HttpHandlerOptions>> &
  ClientDefaults &
  UserAgentInputConfig &
  RetryInputConfig &
  RegionInputConfig &
  HostHeaderInputConfig &
  EndpointInputConfig<EndpointParameters> &
  HttpAuthSchemeInputConfig &
  ClientInputEndpointParameters;

export type SecurityIRClientConfig = SecurityIRClientConfigType;

export type SecurityIRClientResolvedConfigType = __SmithyResolvedConfiguration<__HttpHandlerOptions> &
  Required<ClientDefaults> &
  RuntimeExtensionsConfig &
  UserAgentResolvedConfig &
  RetryResolvedConfig &
  RegionResolvedConfig &
  HostHeaderResolvedConfig &
  EndpointResolvedConfig<EndpointParameters> &
  HttpAuthSchemeResolvedConfig &
  ClientResolvedEndpointParameters;

export type SecurityIRClientResolvedConfig = SecurityIRClientResolvedConfigType;

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
