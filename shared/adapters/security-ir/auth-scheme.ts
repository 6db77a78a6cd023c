import {
  type AwsSdkSigV4AuthInputConfig,
  type AwsSdkSigV4AuthResolvedConfig,
  type AwsSdkSigV4PreviouslyResolved,
  resolveAwsSdkSigV4Config,
} from '@aws-sdk/core/httpAuthSchemes';
import { getSmithyContext, normalizeProvider } from '@smithy/core/client';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HandlerExecutionContext,
  HttpAuthOption,
  HttpAuthScheme,
  HttpAuthSchemeParameters,
  HttpAuthSchemeParametersProvider,
  HttpAuthSchemeProvider,
  Provider,
} from '@smithy/types';
import { serviceMetadata } from './generated/service';
import type { SecurityIRClientResolvedConfig } from './security-ir-client';

// The model declares one auth scheme for every operation: SigV4 with signing name `security-ir`.

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

export const defaultSecurityIRHttpAuthSchemeParametersProvider: SecurityIRHttpAuthSchemeParametersProvider = async (
  config,
  context,
) => {
  const region = await normalizeProvider(config.region)();
  if (!region) throw new Error('expected `region` to be configured for `aws.auth#sigv4`');
  return { operation: getSmithyContext(context).operation as string, region };
};

export const defaultSecurityIRHttpAuthSchemeProvider: SecurityIRHttpAuthSchemeProvider = (
  authParameters,
): HttpAuthOption[] => [
  {
    schemeId: 'aws.auth#sigv4',
    signingProperties: { name: serviceMetadata.signingName, region: authParameters.region },
    propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
  },
];

export interface HttpAuthSchemeInputConfig extends AwsSdkSigV4AuthInputConfig {
  authSchemePreference?: string[] | Provider<string[]>;
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider?: SecurityIRHttpAuthSchemeProvider;
}

export interface HttpAuthSchemeResolvedConfig extends AwsSdkSigV4AuthResolvedConfig {
  readonly authSchemePreference: Provider<string[]>;
  readonly httpAuthSchemes: HttpAuthScheme[];
  readonly httpAuthSchemeProvider: SecurityIRHttpAuthSchemeProvider;
}

export const resolveHttpAuthSchemeConfig = <T>(
  config: T & HttpAuthSchemeInputConfig & AwsSdkSigV4PreviouslyResolved,
): T & HttpAuthSchemeResolvedConfig =>
  Object.assign(resolveAwsSdkSigV4Config(config), {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
  }) as T & HttpAuthSchemeResolvedConfig;

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

export const getHttpAuthExtensionConfiguration = (
  runtimeConfig: HttpAuthRuntimeConfig,
): HttpAuthExtensionConfiguration => {
  const schemes = runtimeConfig.httpAuthSchemes ?? [];
  let provider = runtimeConfig.httpAuthSchemeProvider ?? defaultSecurityIRHttpAuthSchemeProvider;
  let credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(scheme) {
      const index = schemes.findIndex((s) => s.schemeId === scheme.schemeId);
      if (index === -1) schemes.push(scheme);
      else schemes.splice(index, 1, scheme);
    },
    httpAuthSchemes: () => schemes,
    setHttpAuthSchemeProvider(p) {
      provider = p;
    },
    httpAuthSchemeProvider: () => provider,
    setCredentials(c) {
      credentials = c;
    },
    credentials: () => credentials,
  };
};

export const resolveHttpAuthRuntimeConfig = (config: HttpAuthExtensionConfiguration): HttpAuthRuntimeConfig => ({
  httpAuthSchemes: config.httpAuthSchemes(),
  httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
  credentials: config.credentials(),
});
