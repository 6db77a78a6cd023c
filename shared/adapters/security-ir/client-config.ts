import type {
  HostHeaderInputConfig,
  HostHeaderResolvedConfig,
  UserAgentInputConfig,
  UserAgentResolvedConfig,
} from '@aws-sdk/core/client';
import type { AwsSdkSigV4AuthInputConfig, AwsSdkSigV4AuthResolvedConfig } from '@aws-sdk/core/httpAuthSchemes';
import type { AwsRegionExtensionConfiguration } from '@aws-sdk/types';
import type {
  DefaultsMode as __DefaultsMode,
  SmithyConfiguration as __SmithyConfiguration,
  SmithyResolvedConfiguration as __SmithyResolvedConfiguration,
} from '@smithy/core/client';
import type { RegionInputConfig, RegionResolvedConfig } from '@smithy/core/config';
import type { EndpointInputConfig, EndpointResolvedConfig } from '@smithy/core/endpoints';
import type {
  HttpHandlerExtensionConfiguration,
  HttpHandlerUserInput as __HttpHandlerUserInput,
} from '@smithy/core/protocols';
import type { RetryInputConfig, RetryResolvedConfig } from '@smithy/core/retry';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  BodyLengthCalculator as __BodyLengthCalculator,
  ChecksumConstructor as __ChecksumConstructor,
  Decoder as __Decoder,
  DefaultExtensionConfiguration,
  Encoder as __Encoder,
  HandlerExecutionContext,
  HashConstructor as __HashConstructor,
  HttpAuthScheme,
  HttpAuthSchemeParameters,
  HttpAuthSchemeParametersProvider,
  HttpAuthSchemeProvider,
  HttpHandlerOptions as __HttpHandlerOptions,
  Logger as __Logger,
  Provider as __Provider,
  StreamCollector as __StreamCollector,
  UrlParser as __UrlParser,
  UserAgent as __UserAgent,
} from '@smithy/types';
import type { ClientInputEndpointParameters, ClientResolvedEndpointParameters, EndpointParameters } from './endpoint';
import type { ServiceInputTypes, ServiceOutputTypes } from './generated/command-types';

// The client's configuration, as given and as resolved, with the types of its parts that the client's own modules
// define (auth scheme, runtime extensions). They sit here, apart from the modules that implement them, because
// those modules are typed by the resolved configuration and the configuration is made of their types: kept in the
// implementing modules, each would import the client and the client it (an import cycle). This module imports no
// module of the client but the endpoint parameters and the generated command types.

export type { ServiceInputTypes, ServiceOutputTypes };

// The auth scheme (auth-scheme.ts): the model declares SigV4 with signing name `security-ir` for every operation.

export interface SecurityIRHttpAuthSchemeParameters extends HttpAuthSchemeParameters {
  region?: string;
}

export type SecurityIRHttpAuthSchemeParametersProvider = HttpAuthSchemeParametersProvider<
  SecurityIRClientResolvedConfig,
  HandlerExecutionContext,
  SecurityIRHttpAuthSchemeParameters,
  object
>;

export type SecurityIRHttpAuthSchemeProvider = HttpAuthSchemeProvider<SecurityIRHttpAuthSchemeParameters>;

export interface HttpAuthSchemeInputConfig extends AwsSdkSigV4AuthInputConfig {
  authSchemePreference?: string[] | __Provider<string[]>;
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider?: SecurityIRHttpAuthSchemeProvider;
}

export interface HttpAuthSchemeResolvedConfig extends AwsSdkSigV4AuthResolvedConfig {
  readonly authSchemePreference: __Provider<string[]>;
  readonly httpAuthSchemes: HttpAuthScheme[];
  readonly httpAuthSchemeProvider: SecurityIRHttpAuthSchemeProvider;
}

/** Lets runtime extensions replace the auth schemes, the scheme provider or the credentials. */
export interface HttpAuthExtensionConfiguration {
  setHttpAuthScheme(httpAuthScheme: HttpAuthScheme): void;
  httpAuthSchemes(): HttpAuthScheme[];
  setHttpAuthSchemeProvider(httpAuthSchemeProvider: SecurityIRHttpAuthSchemeProvider): void;
  httpAuthSchemeProvider(): SecurityIRHttpAuthSchemeProvider;
  setCredentials(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): void;
  credentials(): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
}

export type HttpAuthRuntimeConfig = Partial<{
  httpAuthSchemes: HttpAuthScheme[];
  httpAuthSchemeProvider: SecurityIRHttpAuthSchemeProvider;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}>;

// The runtime extensions (runtime-extensions.ts).

export interface SecurityIRExtensionConfiguration
  extends
    HttpHandlerExtensionConfiguration,
    DefaultExtensionConfiguration,
    AwsRegionExtensionConfiguration,
    HttpAuthExtensionConfiguration {}

/** A client extension (the `extensions` option): it may change the region, handler, retry, auth or checksums. */
export interface RuntimeExtension {
  configure(extensionConfiguration: SecurityIRExtensionConfiguration): void;
}

export interface RuntimeExtensionsConfig {
  extensions: RuntimeExtension[];
}

// The client (security-ir-client.ts), its defaults filled in by runtime-config.ts.

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
