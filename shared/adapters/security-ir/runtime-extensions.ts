import { getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration } from '@aws-sdk/core/client';
import { getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig } from '@smithy/core/client';
import { getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig } from '@smithy/core/protocols';
import { getHttpAuthExtensionConfiguration, resolveHttpAuthRuntimeConfig } from './auth-scheme';
import type { RuntimeExtension, SecurityIRExtensionConfiguration } from './client-config';

type RuntimeConfig = Parameters<typeof getAwsRegionExtensionConfiguration>[0] &
  Parameters<typeof getDefaultExtensionConfiguration>[0] &
  Parameters<typeof getHttpHandlerExtensionConfiguration>[0] &
  Parameters<typeof getHttpAuthExtensionConfiguration>[0];

export const resolveRuntimeExtensions = <T extends object>(runtimeConfig: T, extensions: RuntimeExtension[]): T => {
  const config = runtimeConfig as T & RuntimeConfig;
  const extensionConfiguration: SecurityIRExtensionConfiguration = Object.assign(
    getAwsRegionExtensionConfiguration(config),
    getDefaultExtensionConfiguration(config),
    getHttpHandlerExtensionConfiguration(config),
    getHttpAuthExtensionConfiguration(config),
  );
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  const resolved: object[] = [
    resolveAwsRegionExtensionConfiguration(extensionConfiguration),
    resolveDefaultRuntimeConfig(extensionConfiguration),
    resolveHttpHandlerRuntimeConfig(extensionConfiguration),
    resolveHttpAuthRuntimeConfig(extensionConfiguration),
  ];
  for (const values of resolved) Object.assign(runtimeConfig, values);
  return runtimeConfig;
};
