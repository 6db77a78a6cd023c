import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../common/credentials';
import {
  callerOf,
  emulatorFault,
  header,
  parseJsonBody,
  readBody,
  requestMeta,
  sendJson,
  startLocalServer,
  type LocalServer,
  type RequestMeta,
} from '../common/http';
import { shapeOf, type OperationModel, type ServiceModel } from '../model';
import { fail, MacieServiceError } from './errors';
import { regionFromAuthorization } from './region';

/** Options of {@link startMacieServer}. */
export interface MacieServerOptions {
  /** The macie2 model: its `http` traits give the routes, its shapes the bindings. */
  model: ServiceModel;
  /** Maps an access key id to a caller; undefined answers UnrecognizedClientException. */
  authenticate: (accessKeyId: string) => Caller | undefined;
  /** Answers one operation in one region with its body in wire form; throws MacieServiceError for service errors. */
  handle: (
    operation: string,
    input: Record<string, unknown>,
    caller: Caller,
    region: string,
    meta: RequestMeta,
  ) => Promise<Record<string, unknown>>;
}

type Segment = { literal: string } | { label: string };
interface Route {
  operation: string;
  method: string;
  segments: Segment[];
  literals: number;
}

/**
 * Serves the macie2 REST-JSON API on 127.0.0.1 (a free port) as the model prescribes: each
 * operation's `http.method` and `requestUri` is a route (labels percent-decoded: an ARN label keeps
 * its slashes encoded on the wire); the input is bound from labels, query string and JSON body by
 * member location; the output is sent with the operation's `responseCode` (204: no body); errors
 * with their shape's status and `x-amzn-errortype`. The caller comes from the SigV4 access key id,
 * the region from its credential scope (signatures are not verified).
 */
export async function startMacieServer(options: MacieServerOptions): Promise<LocalServer> {
  const routes = compileRoutes(options.model);
  return startLocalServer((request, response) => serve(options, routes, request, response));
}

function compileRoutes(model: ServiceModel): Route[] {
  const routes = Object.entries(model.operations).map(([operation, op]): Route => {
    // No macie2 route has a literal query or a greedy label: the path alone decides.
    const segments = op.http.requestUri
      .split('?')[0]!
      .split('/')
      .filter(Boolean)
      .map((part): Segment => {
        const label = /^\{([^}+]+)\}$/.exec(part);
        return label ? { label: label[1]! } : { literal: part };
      });
    return { operation, method: op.http.method, segments, literals: segments.filter((s) => 'literal' in s).length };
  });
  // `/members/disassociate/{id}` must win over `/members/{id}`: the most specific route first.
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
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    const matched = route.segments.every((segment, i) => {
      if ('literal' in segment) return parts[i] === segment.literal;
      labels[segment.label] = parts[i]!;
      return true;
    });
    if (matched) return { operation: route.operation, labels };
  }
  return undefined;
}

/** Binds a request to the members of the operation's input shape, by location. */
function bindInput(
  model: ServiceModel,
  op: OperationModel,
  labels: Record<string, string>,
  url: URL,
  body: string,
): Record<string, unknown> {
  const json = parseJsonBody(body, () => fail.validation('The request body is not valid JSON.'));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw fail.validation('The request body is not a JSON object.');
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
    } else {
      bodyNames.set(wireName, name);
    }
  }
  for (const [key, value] of Object.entries(json)) {
    const name = bodyNames.get(key);
    if (name) input[name] = value;
    else if (key in members) throw fail.validation(`${key}: not a member of the request body`);
    // Left for the model validator to report as not a member of the input.
    else input[key] = value;
  }
  return input;
}

/**
 * Converts a label or query value to the JSON type its shape has in a body; what cannot be converted stays a string for
 * the validator.
 */
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
    default:
      return raw;
  }
}

async function serve(
  options: MacieServerOptions,
  routes: Route[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const { model } = options;
  try {
    const body = await readBody(request);
    const caller = callerOf(request, options.authenticate);
    const region = regionFromAuthorization(header(request, 'authorization'));
    if (!caller || !region) throw fail.unrecognizedClient();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = matchRoute(routes, request.method ?? 'GET', url);
    if (!route) throw fail.validation(`No Macie operation matches ${request.method} ${url.pathname}.`);
    const op = model.operations[route.operation]!;
    const input = bindInput(model, op, route.labels, url, body);
    const output = await options.handle(route.operation, input, caller, region, requestMeta(request, requestId));
    sendOutput(response, op, output, requestId);
  } catch (error) {
    if (error instanceof MacieServiceError) {
      const status = model.shapes[error.code]?.error?.httpStatusCode ?? error.status;
      sendJson(
        response,
        status,
        'application/json',
        requestId,
        { message: error.message },
        { 'x-amzn-errortype': error.code },
      );
    } else {
      const fault = emulatorFault(error, 'InternalServerException');
      sendJson(
        response,
        500,
        'application/json',
        requestId,
        { message: fault.message },
        { 'x-amzn-errortype': fault.code },
      );
    }
  }
}

function sendOutput(
  response: ServerResponse,
  op: OperationModel,
  output: Record<string, unknown>,
  requestId: string,
): void {
  const status = op.http.responseCode ?? 200;
  if (status === 204) {
    // A 204 carries no body (TagResource, UntagResource).
    response.writeHead(204, { 'x-amzn-requestid': requestId });
    response.end();
    return;
  }
  // No macie2 output member is bound to a header: the whole output is the body.
  sendJson(response, status, 'application/json', requestId, output);
}
