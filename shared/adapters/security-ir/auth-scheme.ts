import { type AwsSdkSigV4PreviouslyResolved, resolveAwsSdkSigV4Config } from '@aws-sdk/core/httpAuthSchemes';
import { getSmithyContext, normalizeProvider } from '@smithy/core/client';
import type { HttpAuthOption } from '@smithy/types';
import type {
  HttpAuthExtensionConfiguration,
  HttpAuthRuntimeConfig,
  HttpAuthSchemeInputConfig,
  HttpAuthSchemeResolvedConfig,
  SecurityIRHttpAuthSchemeParametersProvider,
  SecurityIRHttpAuthSchemeProvider,
} from './client-config';
import { serviceMetadata } from './generated/service';

// The model declares one auth scheme for every operation: SigV4 with signing name `security-ir`. Its configuration
// types are the client's (client-config.ts).

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

export const resolveHttpAuthSchemeConfig = <T>(
  config: T & HttpAuthSchemeInputConfig & AwsSdkSigV4PreviouslyResolved,
): T & HttpAuthSchemeResolvedConfig =>
  Object.assign(resolveAwsSdkSigV4Config(config), {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
  }) as T & HttpAuthSchemeResolvedConfig;

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
