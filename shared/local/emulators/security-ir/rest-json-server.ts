import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../common/credentials';
import {
  callerOf,
  emulatorFault,
  parseJsonBody,
  readBody,
  requestMeta,
  sendJson,
  startLocalServer,
  type LocalServer,
  type RequestMeta,
} from '../common/http';
import { shapeOf, type OperationModel, type ServiceModel } from '../model';
import { fail, SecurityIrServiceError } from './errors';

/** Options of {@link startRestJsonServer}. */
export interface RestJsonServerOptions {
  /** The botocore model whose `http` traits give the routes and whose shapes give the bindings. */
  model: ServiceModel;
  /** Maps an access key id to a caller; undefined answers UnrecognizedClientException. */
  authenticate: (accessKeyId: string) => Caller | undefined;
  /** Answers one operation with its output in wire form; throws SecurityIrServiceError for service errors. */
  handle: (
    operation: string,
    input: Record<string, unknown>,
    caller: Caller,
    meta: RequestMeta,
  ) => Promise<Record<string, unknown>>;
}

type Segment = { literal: string } | { label: string; greedy: boolean };
interface Route {
  operation: string;
  method: string;
  segments: Segment[];
  /** Literal query parameters of the request URI (`/path?x=1`), required for a match. */
  query: [string, string][];
  literals: number;
}

/**
 * Serves a REST-JSON API on 127.0.0.1 (a free port) the way the model prescribes it: each
 * operation's `http.method` and `requestUri` (labels, greedy labels, literal query) is a route; the
 * input is bound from labels, query string, headers and the JSON body by member location; the output
 * is sent with the operation's `responseCode`, header members as headers; errors carry their model
 * shape's status code, `x-amzn-errortype` and header members (`Retry-After`). The caller is read from
 * the SigV4 credential (signatures are not verified).
 */
export async function startRestJsonServer(options: RestJsonServerOptions): Promise<LocalServer> {
  const routes = compileRoutes(options.model);
  return startLocalServer((request, response) => serve(options, routes, request, response));
}

function compileRoutes(model: ServiceModel): Route[] {
  const routes = Object.entries(model.operations).map(([operation, op]): Route => {
    const [path = '', query = ''] = op.http.requestUri.split('?');
    const segments = path
      .split('/')
      .filter(Boolean)
      .map((part): Segment => {
        const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
        return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: part };
      });
    const literalQuery = [...new URLSearchParams(query).entries()];
    return {
      operation,
      method: op.http.method,
      segments,
      query: literalQuery,
      literals: segments.filter((s) => 'literal' in s).length,
    };
  });
  // The most specific route wins when two could match the same path.
  return routes.sort((a, b) => b.literals - a.literals || b.segments.length - a.segments.length);
}

function matchRoute(
  routes: Route[],
  method: string,
  url: URL,
): { operation: string; labels: Record<string, string> } | undefined {
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  for (const route of routes) {
    if (route.method !== method || !route.query.every(([k, v]) => url.searchParams.get(k) === v)) continue;
    const labels: Record<string, string> = {};
    let i = 0;
    let matched = true;
    for (const segment of route.segments) {
      if ('literal' in segment) {
        if (parts[i++] !== segment.literal) matched = false;
      } else if (segment.greedy) {
        labels[segment.label] = parts.slice(i).join('/');
        i = parts.length;
      } else if (parts[i] === undefined) {
        matched = false;
      } else {
        labels[segment.label] = parts[i++]!;
      }
      if (!matched) break;
    }
    if (matched && i === parts.length) return { operation: route.operation, labels };
  }
  return undefined;
}

/** Binds a request to the members of the operation's input shape, by location. */
function bindInput(
  model: ServiceModel,
  op: OperationModel,
  labels: Record<string, string>,
  url: URL,
  request: IncomingMessage,
  body: string,
): Record<string, unknown> {
  const json = parseJsonBody(body, () => fail.validation('CANNOT_PARSE', 'The request body is not valid JSON.'));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw fail.validation('CANNOT_PARSE', 'The request body is not a JSON object.');
  const members = op.input ? (shapeOf(model, op.input.shape).members ?? {}) : {};
  const input: Record<string, unknown> = {};
  const bodyNames = new Map<string, string>();
  for (const [name, ref] of Object.entries(members)) {
    const wireName = ref.locationName ?? name;
    const shape = shapeOf(model, ref.shape);
    if (ref.location === 'uri') {
      if (labels[wireName] !== undefined) input[name] = coerce(model, ref.shape, labels[wireName]);
    } else if (ref.location === 'querystring') {
      const values = url.searchParams.getAll(wireName);
      if (values.length > 0)
        input[name] =
          shape.type === 'list'
            ? values.map((v) => coerce(model, shape.member!.shape, v))
            : coerce(model, ref.shape, values[0]!);
    } else if (ref.location === 'header') {
      const raw = request.headers[wireName.toLowerCase()];
      const value = Array.isArray(raw) ? raw.join(',') : raw;
      if (value !== undefined) {
        input[name] =
          shape.type === 'list'
            ? value.split(',').map((v) => coerce(model, shape.member!.shape, v.trim()))
            : coerce(model, ref.shape, value);
      }
    } else {
      bodyNames.set(wireName, name);
    }
  }
  for (const [key, value] of Object.entries(json)) {
    const name = bodyNames.get(key);
    if (name) input[name] = value;
    else if (key in members)
      throw fail.validation('CANNOT_PARSE', `${key}: not a member of the request body`, [
        { name: key, message: 'not a member of the request body' },
      ]);
    // Left for the model validator to report as not a member of the input.
    else input[key] = value;
  }
  return input;
}

/** Converts a label, query or header value to the JSON type its shape has in a body. */
function coerce(model: ServiceModel, shapeName: string, raw: string): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'timestamp': {
      // Headers carry HTTP dates, labels and query strings ISO 8601 (protocol defaults); the handlers
      // see epoch seconds, as in a body. An unparsable value stays a string for the validator to refuse.
      const ms = Date.parse(raw);
      return Number.isNaN(ms) ? raw : ms / 1000;
    }
    default:
      return raw;
  }
}

async function serve(
  options: RestJsonServerOptions,
  routes: Route[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const { model } = options;
  try {
    const body = await readBody(request);
    const caller = callerOf(request, options.authenticate);
    if (!caller)
      throw new SecurityIrServiceError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        {},
        403,
      );
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = matchRoute(routes, request.method ?? 'GET', url);
    if (!route) throw fail.validation('UNKNOWN_OPERATION', `No operation matches ${request.method} ${url.pathname}.`);
    const op = model.operations[route.operation]!;
    const input = bindInput(model, op, route.labels, url, request, body);
    const output = await options.handle(route.operation, input, caller, requestMeta(request, requestId));
    sendOutput(response, model, op, output, requestId);
  } catch (error) {
    if (error instanceof SecurityIrServiceError) {
      sendError(response, model, error, requestId);
    } else {
      const fault = emulatorFault(error, 'InternalServerException');
      send(response, 500, requestId, { message: fault.message }, { 'x-amzn-errortype': fault.code });
    }
  }
}

/** Splits a structure's members into HTTP headers and the JSON body, by their location in the shape. */
function split(
  model: ServiceModel,
  shapeName: string | undefined,
  value: Record<string, unknown>,
): { headers: Record<string, string>; body: Record<string, unknown> } {
  const members = shapeName && model.shapes[shapeName] ? (shapeOf(model, shapeName).members ?? {}) : {};
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const ref = members[name];
    if (ref?.location === 'header')
      headers[(ref.locationName ?? name).toLowerCase()] = typeof item === 'string' ? item : JSON.stringify(item);
    else body[ref?.locationName ?? name] = item;
  }
  return { headers, body };
}

function sendOutput(
  response: ServerResponse,
  model: ServiceModel,
  op: OperationModel,
  output: Record<string, unknown>,
  requestId: string,
): void {
  const { headers, body } = split(model, op.output?.shape, output);
  send(response, op.http.responseCode ?? 200, requestId, body, headers);
}

function sendError(
  response: ServerResponse,
  model: ServiceModel,
  error: SecurityIrServiceError,
  requestId: string,
): void {
  const shape = model.shapes[error.code];
  const status = shape?.error?.httpStatusCode ?? error.status;
  const { headers, body } = split(model, shape ? error.code : undefined, { message: error.message, ...error.members });
  send(response, status, requestId, body, { ...headers, 'x-amzn-errortype': error.code });
}

function send(
  response: ServerResponse,
  status: number,
  requestId: string,
  body: unknown,
  headers: Record<string, string>,
): void {
  sendJson(response, status, 'application/json', requestId, body, headers);
}
