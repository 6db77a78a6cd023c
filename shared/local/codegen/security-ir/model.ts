// Reading the botocore-format service model (service-2.json) for the generator. Not used at runtime.

export interface BotoMember {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  timestampFormat?: string;
  jsonvalue?: boolean;
}

export interface BotoShape {
  type: string;
  members?: Record<string, BotoMember>;
  required?: string[];
  member?: BotoMember;
  key?: BotoMember;
  value?: BotoMember;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  timestampFormat?: string;
  streaming?: boolean;
  payload?: string;
  error?: { httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
  retryable?: { throttling?: boolean };
}

export interface BotoOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface BotoModel {
  metadata: { apiVersion: string; serviceId: string; signingName?: string; endpointPrefix: string; protocol: string };
  operations: Record<string, BotoOperation>;
  shapes: Record<string, BotoShape>;
}

export interface Paginators {
  pagination: Record<string, { input_token: string; output_token: string; limit_key?: string; result_key?: string }>;
}

export const shapeOf = (model: BotoModel, name: string): BotoShape => {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the model`);
  return shape;
};

export const operationOf = (model: BotoModel, name: string): BotoOperation => {
  const op = model.operations[name];
  if (!op) throw new Error(`operation ${name} is not in the model`);
  return op;
};

export const isError = (shape: BotoShape): boolean => shape.exception === true;

/** Shapes a member of a shape points to (structure members, list member, map key and value). */
export const targetsOf = (shape: BotoShape): string[] => [
  ...Object.values(shape.members ?? {}).map((m) => m.shape),
  ...[shape.member, shape.key, shape.value].flatMap((m) => (m ? [m.shape] : [])),
];

/** Every shape reachable from the roots, sorted by name so that the output is stable. */
export const closureOf = (model: BotoModel, roots: string[]): string[] => {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    targetsOf(shapeOf(model, name)).forEach(visit);
  };
  roots.forEach(visit);
  return [...seen].sort();
};

/** Required members first, in model order, then the optional ones: the static schema's required count relies on it. */
export const orderedMembers = (shape: BotoShape): [string, BotoMember][] => {
  const entries = Object.entries(shape.members ?? {});
  const required = new Set(shape.required ?? []);
  return [...entries.filter(([n]) => required.has(n)), ...entries.filter(([n]) => !required.has(n))];
};

export const isSimple = (shape: BotoShape): boolean => !['structure', 'list', 'map'].includes(shape.type);

/** Whether a shape is, or holds, sensitive data (the official codegen wraps references to those shapes). */
export const makeSensitivity = (model: BotoModel): ((name: string) => boolean) => {
  const memo = new Map<string, boolean>();
  const check = (name: string, path: Set<string>): boolean => {
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    if (path.has(name)) return false;
    const shape = shapeOf(model, name);
    const next = new Set(path).add(name);
    const result = shape.sensitive === true || targetsOf(shape).some((t) => check(t, next));
    memo.set(name, result);
    return result;
  };
  return (name) => check(name, new Set());
};

/** Member names of an input that are bound to the URI, query string or headers, by location. */
export const bindingsOf = (shape: BotoShape): Record<string, BotoMember> =>
  Object.fromEntries(Object.entries(shape.members ?? {}).filter(([, m]) => m.location !== undefined));

/**
 * Botocore models drop the Smithy enum member names, so the constant names are derived from the values
 * ("Case Created" -> CASE_CREATED). Where the Smithy name differs from that rule, the official client's
 * name is recorded here so that `CommunicationType.CASE_UPDATE_CASE_STATUS` keeps working after a swap.
 */
const ENUM_NAME_OVERRIDES: Record<string, Record<string, string>> = {
  CommunicationType: { 'Case Status Updated': 'CASE_UPDATE_CASE_STATUS' },
};

export const enumKey = (enumName: string, value: string): string =>
  ENUM_NAME_OVERRIDES[enumName]?.[value] ??
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .replace(/^(\d)/, '_$1');
