import {
  createDefaultUserAgentProvider,
  emitWarningIfUnsupportedVersion as awsCheckVersion,
  getDefaultSocketTimeout,
  NODE_APP_ID_CONFIG_OPTIONS,
} from '@aws-sdk/core/client';
import { AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes';
import { AwsRestJsonProtocol } from '@aws-sdk/core/protocols';
import { defaultProvider as credentialDefaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, NoOpLogger } from '@smithy/core/client';
import {
  loadConfig as loadNodeConfig,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  resolveDefaultsModeConfig,
} from '@smithy/core/config';
import { parseUrl } from '@smithy/core/protocols';
import {
  DEFAULT_RETRY_MODE,
  NODE_MAX_ATTEMPT_CONFIG_OPTIONS,
  NODE_RETRY_MODE_CONFIG_OPTIONS,
} from '@smithy/core/retry';
import { calculateBodyLength, fromBase64, fromUtf8, toBase64, toUtf8 } from '@smithy/core/serde';
import { NodeHttpHandler, streamCollector } from '@smithy/node-http-handler';
import type { IdentityProviderConfig } from '@smithy/types';
import { defaultSecurityIRHttpAuthSchemeProvider } from './auth-scheme';
import type { SecurityIRClientConfig } from './client-config';
import { defaultEndpointResolver } from './endpoint';
import { errorTypeRegistries } from './generated/schemas';
import { serviceMetadata } from './generated/service';

/** Reported in the User-Agent (`api/security-ir#…`); orgwarden's own version of this client. */
export const CLIENT_VERSION = '0.1.0';

/**
 * The defaults of an official Node.js SDK v3 client (runtimeConfig.ts + runtimeConfig.shared.ts), with the
 * service's protocol settings: rest-json, SigV4, the generated error registries and the endpoint rule set.
 */
export const getRuntimeConfig = (config: SecurityIRClientConfig) => {
  emitWarningIfUnsupportedVersion(process.version);
  awsCheckVersion(process.version);
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
  const logger = config.logger ?? new NoOpLogger();
  const loaderConfig = { profile: config.profile, logger };
  return {
    apiVersion: serviceMetadata.apiVersion,
    base64Decoder: config.base64Decoder ?? fromBase64,
    base64Encoder: config.base64Encoder ?? toBase64,
    disableHostPrefix: config.disableHostPrefix ?? false,
    endpointProvider: config.endpointProvider ?? defaultEndpointResolver,
    extensions: config.extensions ?? [],
    httpAuthSchemeProvider: config.httpAuthSchemeProvider ?? defaultSecurityIRHttpAuthSchemeProvider,
    httpAuthSchemes: config.httpAuthSchemes ?? [
      {
        schemeId: 'aws.auth#sigv4',
        identityProvider: (ipc: IdentityProviderConfig) => ipc.getIdentityProvider('aws.auth#sigv4'),
        signer: new AwsSdkSigV4Signer(),
      },
    ],
    logger,
    protocol: config.protocol ?? AwsRestJsonProtocol,
    protocolSettings: config.protocolSettings ?? {
      defaultNamespace: serviceMetadata.namespace,
      errorTypeRegistries,
      version: serviceMetadata.apiVersion,
      serviceTarget: serviceMetadata.serviceShapeName,
    },
    serviceId: config.serviceId ?? serviceMetadata.serviceId,
    sha256: config.sha256 ?? Sha256,
    urlParser: config.urlParser ?? parseUrl,
    utf8Decoder: config.utf8Decoder ?? fromUtf8,
    utf8Encoder: config.utf8Encoder ?? toUtf8,
    ...config,
    runtime: 'node',
    defaultsMode,
    authSchemePreference:
      config.authSchemePreference ?? loadNodeConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config.credentialDefaultProvider ?? credentialDefaultProvider,
    defaultSocketTimeout: getDefaultSocketTimeout(config.requestHandler, 300_000),
    defaultUserAgentProvider:
      config.defaultUserAgentProvider ??
      createDefaultUserAgentProvider({ serviceId: serviceMetadata.serviceId, clientVersion: CLIENT_VERSION }),
    maxAttempts: config.maxAttempts ?? loadNodeConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region:
      config.region ??
      loadNodeConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: NodeHttpHandler.create(config.requestHandler ?? defaultConfigProvider),
    retryMode:
      config.retryMode ??
      loadNodeConfig(
        {
          ...NODE_RETRY_MODE_CONFIG_OPTIONS,
          default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
        },
        config,
      ),
    streamCollector: config.streamCollector ?? streamCollector,
    useDualstackEndpoint:
      config.useDualstackEndpoint ?? loadNodeConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config.useFipsEndpoint ?? loadNodeConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config.userAgentAppId ?? loadNodeConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
  };
};
