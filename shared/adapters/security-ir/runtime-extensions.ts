import { getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration } from '@aws-sdk/core/client';
import type { AwsRegionExtensionConfiguration } from '@aws-sdk/types';
import { getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig } from '@smithy/core/client';
import {
  getHttpHandlerExtensionConfiguration,
  type HttpHandlerExtensionConfiguration,
  resolveHttpHandlerRuntimeConfig,
} from '@smithy/core/protocols';
import type { DefaultExtensionConfiguration } from '@smithy/types';
import {
  getHttpAuthExtensionConfiguration,
  type HttpAuthExtensionConfiguration,
  resolveHttpAuthRuntimeConfig,
} from './auth-scheme';

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
