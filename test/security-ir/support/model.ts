import { readFileSync } from 'node:fs';

// The botocore model of the service, read by the tests so that expectations come from the model, not from the client.
export interface ModelMember {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
  timestampFormat?: string;
}

export interface ModelShape {
  type: string;
  members?: Record<string, ModelMember>;
  required?: string[];
  member?: ModelMember;
  key?: ModelMember;
  value?: ModelMember;
  enum?: string[];
  timestampFormat?: string;
  error?: { httpStatusCode: number };
  fault?: boolean;
  retryable?: { throttling?: boolean };
}

export interface ModelOperation {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: { signingName: string; protocol: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

const modelDir = new URL('../../../shared/local/aws-models/security-ir/', import.meta.url);

export const model = JSON.parse(readFileSync(new URL('service-2.json', modelDir), 'utf8')) as ServiceModel;

export const shape = (name: string): ModelShape => {
  const s = model.shapes[name];
  if (!s) throw new Error(`no shape ${name}`);
  return s;
};

export const operation = (name: string): ModelOperation => {
  const op = model.operations[name];
  if (!op) throw new Error(`no operation ${name}`);
  return op;
};

/** RFC 3986 percent-encoding of a URI label, as Smithy's HTTP binding requires. */
export const encodeLabel = (value: string, greedy = false): string => {
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return greedy ? value.split('/').map(encode).join('/') : encode(value);
};

type Json = unknown;

/** A value as rest-json writes it for a shape: timestamps as epoch seconds unless the model says otherwise. */
export const toWire = (shapeName: string, value: unknown, member?: ModelMember): Json => {
  const s = shape(shapeName);
  switch (s.type) {
    case 'timestamp': {
      const date = value as Date;
      const format = member?.timestampFormat ?? s.timestampFormat ?? 'unixTimestamp';
      if (format === 'iso8601') return date.toISOString().replace('.000Z', 'Z');
      if (format === 'rfc822') return date.toUTCString();
      return date.getTime() / 1000;
    }
    case 'structure':
      return Object.fromEntries(
        Object.entries(s.members ?? {})
          .filter(([name, m]) => m.location === undefined && (value as Record<string, unknown>)[name] !== undefined)
          .map(([name, m]) => [m.locationName ?? name, toWire(m.shape, (value as Record<string, unknown>)[name], m)]),
      );
    case 'list':
      return (value as unknown[]).map((v) => toWire(s.member!.shape, v, s.member));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toWire(s.value!.shape, v, s.value)]),
      );
    default:
      return value;
  }
};

/**
 * A sample of a shape with every member filled, as a server would send it, and the value the client should
 * give back after parsing (timestamps become Dates).
 */
export const sampleOf = (shapeName: string, depth = 0): { wire: Json; parsed: unknown } => {
  const s = shape(shapeName);
  switch (s.type) {
    case 'string': {
      const v = s.enum ? s.enum[s.enum.length - 1]! : `${shapeName}-value`;
      return { wire: v, parsed: v };
    }
    case 'integer':
    case 'long':
      return { wire: 7, parsed: 7 };
    case 'boolean':
      return { wire: true, parsed: true };
    case 'timestamp': {
      const seconds = 1_700_000_000.25 + depth;
      return { wire: seconds, parsed: new Date(seconds * 1000) };
    }
    case 'list': {
      const item = sampleOf(s.member!.shape, depth + 1);
      return { wire: [item.wire], parsed: [item.parsed] };
    }
    case 'map': {
      const item = sampleOf(s.value!.shape, depth + 1);
      return { wire: { k1: item.wire }, parsed: { k1: item.parsed } };
    }
    case 'structure': {
      const entries = Object.entries(s.members ?? {})
        .filter(([, m]) => m.location === undefined)
        .map(([name, m]) => [name, m.locationName ?? name, sampleOf(m.shape, depth + 1)] as const);
      return {
        wire: Object.fromEntries(entries.map(([, wireName, v]) => [wireName, v.wire])),
        parsed: Object.fromEntries(entries.map(([name, , v]) => [name, v.parsed])),
      };
    }
    default:
      throw new Error(`no sample for ${s.type}`);
  }
};
