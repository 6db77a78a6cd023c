import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import type { EndpointParameterInstructions, Pluggable } from '@smithy/types';
import type { SecurityIRClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes } from './client-config';
import { commonParams } from './endpoint';
import { serviceMetadata } from './generated/service';

/** Builds the command classes: endpoint parameters, service and operation names, and the operation schema. */
export const command = makeBuilder<SecurityIRClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>(
  commonParams,
  serviceMetadata.serviceShapeName,
  'SecurityIRClient',
  getEndpointPlugin,
);

/** No operation adds endpoint parameters of its own. */
export const _ep0: EndpointParameterInstructions = {};

/** No operation adds middleware of its own. */
export const _mw0 = (): Pluggable<object, object>[] => [];
