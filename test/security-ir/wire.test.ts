import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from './support/capture-server';
import { testClient } from './support/client';
import { commandFor, validInputs, type OperationName } from './support/inputs';
import { encodeLabel, model, operation, shape, toWire } from './support/model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What the model prescribes for an input: method, path, query, headers, JSON body. */
const expectedRequest = (name: OperationName, input: Record<string, unknown>) => {
  const op = operation(name);
  const members = Object.entries(shape(op.input!.shape).members ?? {});
  const byLocation = (location: string) => members.filter(([, m]) => m.location === location);
  let path = op.http.requestUri.split('?')[0]!;
  for (const [memberName, m] of byLocation('uri')) {
    const label = m.locationName ?? memberName;
    path = path
      .replace(`{${label}+}`, encodeLabel(String(input[memberName]), true))
      .replace(`{${label}}`, encodeLabel(String(input[memberName])));
  }
  // A list is one parameter per item (Smithy httpQuery), in order.
  const query = byLocation('querystring')
    .filter(([n]) => input[n] !== undefined)
    .flatMap(([n, m]) =>
      (Array.isArray(input[n]) ? (input[n] as unknown[]) : [input[n]]).map((v) => [m.locationName ?? n, String(v)]),
    );
  const headers = Object.fromEntries(
    byLocation('header')
      .filter(([n]) => input[n] !== undefined)
      .map(([n, m]) => [(m.locationName ?? n).toLowerCase(), String(input[n])]),
  );
  const bodyMembers = members.filter(([, m]) => m.location === undefined);
  const body = toWire(op.input!.shape, input) as Record<string, unknown>;
  const tokens = bodyMembers.filter(([n, m]) => m.idempotencyToken && input[n] === undefined);
  return {
    method: op.http.method,
    path,
    query,
    headers,
    bodyMembers,
    body,
    generatedTokens: tokens.map(([n, m]) => m.locationName ?? n),
  };
};

describe('Security IR requests on the wire follow the model', () => {
  let server: CaptureServer;

  beforeAll(async () => {
    server = await startCaptureServer();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => {
    await server.close();
  });

  it('has a sample for every operation of the model', () => {
    // Prepare, Act
    const sampled = Object.keys(validInputs).sort();

    // Assess
    expect(sampled).toEqual(Object.keys(model.operations).sort());
    expect(sampled).toHaveLength(24);
  });

  it('covers every member of every operation input in the samples', () => {
    // Prepare
    const names = Object.keys(validInputs) as OperationName[];

    // Act
    const missing = names.flatMap((name) =>
      Object.keys(shape(operation(name).input!.shape).members ?? {})
        .filter((member) => !(member in validInputs[name]))
        .map((member) => `${name}.${member}`),
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(validInputs) as OperationName[])(
    '%s: method, path, query, headers, body and SigV4',
    async (name) => {
      // Prepare
      const input = validInputs[name] as Record<string, unknown>;
      const expected = expectedRequest(name, input);
      const client = testClient(server.endpoint);

      // Act
      await client.send(commandFor(name, input));

      // Assess
      expect(server.requests).toHaveLength(1);
      const request = server.requests[0]!;
      expect(request.method).toBe(expected.method);
      expect(request.path).toBe(expected.path);
      // Parameter order carries no meaning, except between the items of one list (a stable sort keeps it).
      const byKey = (q: string[][]) => [...q].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
      expect(byKey(request.query)).toEqual(byKey(expected.query));
      expect(request.headers).toMatchObject(expected.headers);
      if (expected.bodyMembers.length > 0) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(JSON.parse(request.body)).toEqual(expected.body);
      } else {
        expect(request.body).toBe('');
      }
      expect(request.headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/${model.metadata.signingName}/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$`,
        ),
      );
    },
  );

  const withToken = (Object.keys(validInputs) as OperationName[]).filter((name) =>
    Object.values(shape(operation(name).input!.shape).members ?? {}).some((m) => m.idempotencyToken),
  );

  it('finds the operations whose input has an idempotency token in the model', () => {
    // Prepare, Act
    const names = [...withToken].sort();

    // Assess
    expect(names).toEqual(['CreateCase', 'CreateCaseComment', 'CreateMembership', 'GetCaseAttachmentUploadUrl']);
  });

  it.each(withToken)('%s: a given clientToken is sent as is', async (name) => {
    // Prepare
    const input = validInputs[name] as Record<string, unknown>;
    const client = testClient(server.endpoint);

    // Act
    await client.send(commandFor(name, input));

    // Assess
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ clientToken: input.clientToken });
  });

  it.each(withToken)('%s: an absent clientToken is generated as a fresh UUID', async (name) => {
    // Prepare
    const { clientToken: _given, ...input } = validInputs[name] as Record<string, unknown>;
    const expected = expectedRequest(name, input);
    const client = testClient(server.endpoint);

    // Act
    await client.send(commandFor(name, input));
    await client.send(commandFor(name, input));

    // Assess
    const [first, second] = server.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(expected.generatedTokens).toEqual(['clientToken']);
    expect(first!.clientToken).toMatch(UUID);
    expect(second!.clientToken).toMatch(UUID);
    expect(first!.clientToken).not.toBe(second!.clientToken);
    expect({ ...first, clientToken: undefined }).toEqual({ ...expected.body, clientToken: undefined });
  });
});
