import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validInputs, type OperationName } from '../security-ir/support/inputs';
import { encodeLabel, operation, shape, toWire } from '../security-ir/support/model';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

/** Values of the wrong JSON type for a shape type; a map also gets an entry of the wrong type. */
const WRONG: Record<string, unknown[]> = {
  string: [5, true, ['text'], { k: 'v' }],
  integer: ['7', true, [7], { n: 7 }],
  long: ['7', false, [7]],
  boolean: ['true', 1, [true]],
  timestamp: ['2026-03-10T00:00:00Z', true, [1]],
  list: ['item', 5, { k: 'v' }],
  map: ['text', ['k'], 5, { k: ['nested'] }],
  structure: ['text', ['x'], 5],
};

interface Mutation {
  /** The field the emulator must name, in its path format (`a.b[0]`, `tags["k"]`). */
  field: string;
  body: unknown;
}

/** Every body with one member, at any depth, replaced by a value of the wrong type. */
function mutations(shapeName: string, value: unknown, path: string, replace: (v: unknown) => unknown): Mutation[] {
  const s = shape(shapeName);
  const out: Mutation[] = [];
  if (path !== '') {
    for (const wrong of WRONG[s.type] ?? []) {
      const nestedMapEntry = s.type === 'map' && typeof wrong === 'object' && !Array.isArray(wrong);
      out.push({ field: nestedMapEntry ? `${path}["k"]` : path, body: replace(wrong) });
    }
  }
  if (s.type === 'structure') {
    for (const [name, member] of Object.entries(s.members ?? {})) {
      const record = value as Record<string, unknown>;
      if (member.location !== undefined || record[name] === undefined) continue;
      const child = path ? `${path}.${name}` : name;
      out.push(...mutations(member.shape, record[name], child, (v) => replace({ ...record, [name]: v })));
    }
  } else if (s.type === 'list') {
    (value as unknown[]).forEach((item, i) =>
      out.push(
        ...mutations(s.member!.shape, item, `${path}[${i}]`, (v) =>
          replace((value as unknown[]).map((old, j) => (j === i ? v : old))),
        ),
      ),
    );
  }
  return out;
}

/** The request path of an operation for an input, labels percent-encoded as a client would. */
function pathOf(name: OperationName, input: Record<string, unknown>): string {
  const op = operation(name);
  let path = op.http.requestUri.split('?')[0]!;
  for (const [member, ref] of Object.entries(shape(op.input!.shape).members ?? {})) {
    if (ref.location === 'uri')
      path = path.replace(`{${ref.locationName ?? member}}`, encodeLabel(String(input[member])));
  }
  return path;
}

describe('Security IR emulator: members of the wrong type, at any depth, sent raw', () => {
  let h: SecurityIrHarness;
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.endpoint}${path}`, {
      method,
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=SCENARIO${MANAGEMENT}/20260310/us-east-1/security-ir/aws4_request, SignedHeaders=host, Signature=0`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      type: response.headers.get('x-amzn-errortype'),
      body: (await response.json()) as { reason?: string; fieldList?: { name: string }[] },
    };
  };

  beforeAll(async () => {
    h = await startSecurityIr();
  });
  afterAll(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  const cases = (Object.keys(validInputs) as OperationName[]).flatMap((name) => {
    const input = validInputs[name] as Record<string, unknown>;
    const inputShape = operation(name).input!.shape;
    return mutations(inputShape, toWire(inputShape, input), '', (body) => body).map((m) => ({ name, input, ...m }));
  });

  it('finds wrong-typed variants of every body member of the model, tags and nested lists included', () => {
    // Assess
    const fields = new Set(cases.map((c) => `${c.name}.${c.field}`));
    expect(fields).toContain('CreateMembership.tags');
    expect(fields).toContain('CreateMembership.tags["k"]');
    expect(fields).toContain('UpdateMembership.membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd[0]');
    expect(fields).toContain('CreateCase.watchers[0].email');
    expect(fields).toContain('TagResource.tags');
    expect(cases.length).toBeGreaterThan(300);
  });

  it('answers each with ValidationException CANNOT_PARSE naming the field, never a 500', async () => {
    // Act
    const answers = [];
    for (const c of cases) {
      const op = operation(c.name);
      const answer = await send(op.http.method, pathOf(c.name, c.input), c.body);
      answers.push({
        case: `${c.name} ${c.field} ${JSON.stringify(c.body).slice(0, 60)}`,
        status: answer.status,
        type: answer.type,
        reason: answer.body.reason,
        named: answer.body.fieldList?.some((f) => f.name === c.field),
      });
    }

    // Assess
    const wrong = answers.filter(
      (a) => a.status !== 400 || a.type !== 'ValidationException' || a.reason !== 'CANNOT_PARSE' || !a.named,
    );
    expect(wrong).toEqual([]);
  });

  it('refuses wrong-typed query members and bodies that are not objects the same way', async () => {
    // Act
    const query = await send('GET', '/v1/cases/1234567890/list-investigations?maxResults=ten');
    const notObjects = await Promise.all([[], null, 'text', 5].map((body) => send('POST', '/v1/memberships', body)));

    // Assess
    expect(query).toMatchObject({
      status: 400,
      type: 'ValidationException',
      body: { reason: 'CANNOT_PARSE', fieldList: [{ name: 'maxResults' }] },
    });
    for (const answer of notObjects)
      expect(answer).toMatchObject({ status: 400, type: 'ValidationException', body: { reason: 'CANNOT_PARSE' } });
  });
});
