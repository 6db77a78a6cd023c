import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A member reference inside a structure shape of a botocore service model. */
export interface MemberRef {
  shape: string;
  locationName?: string;
  location?: string;
  documentation?: string;
}

/**
 * One shape of a botocore `service-2.json`. Only the traits the emulators read are typed; the rest
 * stay available through the index signature.
 */
export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'float'
    | 'double'
    | 'boolean'
    | 'timestamp'
    | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  [trait: string]: unknown;
}

/** One operation of a botocore service model. */
export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
  documentation?: string;
}

/** A parsed botocore `service-2.json`. */
export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    jsonVersion?: string;
    targetPrefix?: string;
    serviceId: string;
    signingName?: string;
    [key: string]: unknown;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** A botocore `paginators-1.json` entry. */
export interface PaginatorModel {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
}

// The models live in shared/local/aws-models/<name>/, two levels above this module. Resolving from
// import.meta.url keeps the lookup independent of the process's working directory (CLI, vitest, tsx).
const modelsRoot = new URL('../../aws-models/', import.meta.url);
const serviceCache = new Map<string, ServiceModel>();
const paginatorCache = new Map<string, Record<string, PaginatorModel>>();

function modelFile(name: string, file: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) {
    throw new Error(`Invalid service model name "${name}": expected a folder name such as "organizations"`);
  }
  return fileURLToPath(new URL(`${name}/${file}`, modelsRoot));
}

/**
 * Reads `shared/local/aws-models/<name>/service-2.json` once and returns the cached model afterwards.
 *
 * @param name - the folder of the model, e.g. `organizations`, `security-ir`, `macie2`
 * @throws Error when the file is missing or is not a botocore service model
 */
export function loadServiceModel(name: string): ServiceModel {
  const cached = serviceCache.get(name);
  if (cached) return cached;
  const path = modelFile(name, 'service-2.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`Cannot read the service model ${path}`, { cause });
  }
  if (!isServiceModel(parsed))
    throw new Error(`${path} is not a botocore service model (metadata, operations, shapes)`);
  serviceCache.set(name, parsed);
  return parsed;
}

/**
 * Reads `shared/local/aws-models/<name>/paginators-1.json` once (empty when the service has none).
 *
 * @param name - the folder of the model
 */
export function loadPaginators(name: string): Record<string, PaginatorModel> {
  const cached = paginatorCache.get(name);
  if (cached) return cached;
  let pagination: Record<string, PaginatorModel> = {};
  try {
    const parsed = JSON.parse(readFileSync(modelFile(name, 'paginators-1.json'), 'utf8')) as {
      pagination?: Record<string, PaginatorModel>;
    };
    pagination = parsed.pagination ?? {};
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`Cannot read the paginators of ${name}`, { cause });
  }
  paginatorCache.set(name, pagination);
  return pagination;
}

/**
 * Returns an operation of the model or throws: an emulator asked for an operation its model lacks.
 *
 * @param model - the service model
 * @param name - the operation name, e.g. `DescribeHandshake`
 */
export function operationOf(model: ServiceModel, name: string): OperationModel {
  const operation = model.operations[name];
  if (!operation) throw new Error(`Operation ${name} is not in the ${model.metadata.serviceId} model`);
  return operation;
}

/**
 * Returns a shape of the model or throws (a dangling reference is a broken model, not bad input).
 *
 * @param model - the service model
 * @param name - the shape name
 */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`Shape ${name} is not in the ${model.metadata.serviceId} model`);
  return shape;
}

function isServiceModel(value: unknown): value is ServiceModel {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.metadata === 'object' &&
    typeof candidate.operations === 'object' &&
    typeof candidate.shapes === 'object'
  );
}
