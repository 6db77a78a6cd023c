import { describe, expect, it } from 'vitest';
import { interpolate } from '../../shared/local/scenario/interpolate';
import { reviveTimestamps } from '../../shared/local/scenario/model-input';
import { parseScenario, ScenarioError } from '../../shared/local/scenario/scenario';

const base = { name: 'x', start: '2026-11-02T09:00:00Z' };

/** The problems parseScenario names, one per line. */
const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseScenario(json, 'test.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
};

const nested = (levels: number): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let i = 0; i < levels; i++) current = current.a = {} as Record<string, unknown>;
  return root;
};

describe('scenario validation names the field and what is expected', () => {
  it('says which kind of step it recognised and what is wrong in it', () => {
    expect(problemsOf({ ...base, steps: [{ api: { service: 'organizations' } }] })).toEqual([
      'steps.0.api.operation: required: expected a string (steps.0 is an api step)',
    ]);
    expect(
      problemsOf({ ...base, steps: [{ api: { service: 'organizations', operation: 'ListRoots' }, times: 2 }] }),
    ).toEqual(['steps.0: unknown key "times"; expected only at, api, save (steps.0 is an api step)']);
    expect(problemsOf({ ...base, steps: [{ at: 'soon', event: 3 }] })).toEqual([
      'steps.0.at: expected an ISO 8601 date-time with its zone, such as 2026-11-02T09:00:00Z, got "soon" (steps.0 is an event step)',
      'steps.0.event: expected an object, got a number (steps.0 is an event step)',
    ]);
    expect(problemsOf({ ...base, steps: [{ advanceTo: 'tomorrow' }] })[0]).toMatch(
      /^steps\.0\.advanceTo: expected an ISO 8601 date-time.*\(steps\.0 is an advanceTo step\)$/,
    );
  });

  it('names a step of no kind, or of two kinds', () => {
    expect(problemsOf({ ...base, steps: [{ wait: 5 }] })).toEqual([
      'steps.0: not a step: a step has "api", "event", "advanceTo", "redeliver" or "world"; found "wait"',
    ]);
    expect(problemsOf({ ...base, steps: [{ api: {}, event: {} }] })).toEqual([
      'steps.0: a step is one thing: found both "api" and "event"; split it into 2 steps',
    ]);
  });

  it('names fields of the scenario itself, never "Invalid input"', () => {
    const problems = problemsOf({ nam: 'x', start: 'yesterday', steps: [] });
    expect(problems).toEqual([
      'name: required: expected a string',
      'start: expected an ISO 8601 date-time with its zone, such as 2026-11-02T09:00:00Z, got "yesterday"',
      'steps: expected at least 1 item(s)',
      '(root): unknown key "nam"; expected only $schema, name, description, start, organization, deployment, delivery, outsideAccounts, securityIr, macie, policy, steps',
    ]);
    expect(problems.join('\n')).not.toContain('Invalid input');
  });

  it('refuses an `at` that goes back in time, naming the step, instead of failing while playing', () => {
    const steps = [
      { advanceTo: '2026-11-05T00:00:00Z' },
      { at: '2026-11-04T00:00:00Z', api: { service: 'organizations', operation: 'ListRoots' } },
    ];
    expect(problemsOf({ ...base, steps })).toEqual([
      'steps.1.at: 2026-11-04T00:00:00Z goes back in time: the clock is already at 2026-11-05T00:00:00.000Z (set by steps.0.advanceTo); time only moves forward',
    ]);
    expect(problemsOf({ ...base, steps: [{ advanceTo: '2026-11-01T00:00:00Z' }] })[0]).toContain('(start)');
  });

  it('deploys orgwarden only to the management account or an existing delegated administrator', () => {
    const delegated = {
      existing: {
        delegatedAdministrators: [{ accountId: '222222222222', servicePrincipal: 'security-ir.amazonaws.com' }],
      },
    };
    const steps = [{ advanceTo: '2026-11-03T00:00:00Z' }];
    expect(problemsOf({ ...base, steps, deployment: { accountId: '333333333333' }, organization: delegated })).toEqual([
      'deployment.accountId: 333333333333 is neither the management account (111111111111) nor one of organization.existing.delegatedAdministrators: orgwarden is deployed to one of them',
    ]);
    expect(problemsOf({ ...base, steps, deployment: { accountId: '222222222222' }, organization: delegated })).toEqual(
      [],
    );
    expect(problemsOf({ ...base, steps, deployment: { accountId: '111111111111' } })).toEqual([]);
  });

  it('checks operations and timestamps against the service model, and references against earlier saves', () => {
    const steps = [
      { api: { service: 'organizations', operation: 'InviteAccount' } },
      {
        api: {
          service: 'organizations',
          operation: 'InviteOrganizationToTransferResponsibility',
          input: { Type: 'BILLING', StartTimestamp: 'next month' },
        },
      },
      {
        api: {
          service: 'organizations',
          operation: 'AcceptHandshake',
          input: { HandshakeId: '${invite1.Handshake.Id}' },
        },
      },
    ];
    expect(problemsOf({ ...base, steps })).toEqual([
      'steps.0.api.operation: organizations has no operation InviteAccount (did you mean InviteAccountToOrganization?)',
      'steps.1.api.input.StartTimestamp: expected a timestamp: an ISO 8601 date-time such as 2026-12-01T00:00:00Z (or epoch seconds), got "next month"',
      // The input is checked against the whole model now: the members the operation requires are named too.
      'steps.1.api.input.Target: required: InviteOrganizationToTransferResponsibilityRequest needs Target',
      'steps.1.api.input.SourceName: required: InviteOrganizationToTransferResponsibilityRequest needs SourceName',
      'steps.2: refers to ${invite1…} but no earlier step has "save": "invite1"',
    ]);
  });

  it('refuses a scenario nested deeper than 64 levels with a ScenarioError naming the path', () => {
    const deep = {
      ...base,
      steps: [{ api: { service: 'organizations', operation: 'ListRoots', input: { a: nested(10_000) } } }],
    };
    expect(() => parseScenario(deep, 'deep.json')).toThrow(ScenarioError);
    expect(problemsOf(deep)).toEqual([
      'steps.0.api.input.a.a.….a.a.a: nested deeper than 64 levels; no scenario or event needs that',
    ]);
  });

  it("lets an event step carry a hostile event as is: refusing it is the handler's job (MalformedEventError)", () => {
    expect(problemsOf({ ...base, steps: [{ event: { source: 'x', detail: nested(10_000) } }] })).toEqual([]);
  });

  it('accepts $schema, for editors', () => {
    expect(
      parseScenario({
        $schema: '../schemas/scenario.schema.json',
        ...base,
        steps: [{ advanceTo: '2026-11-03T00:00:00Z' }],
      }).name,
    ).toBe('x');
  });
});

describe('interpolate', () => {
  it('resolves references anywhere, keeping types and key order', () => {
    const saved = {
      invite: {
        Handshake: {
          Id: 'h-1',
          Parties: [{ Id: '222222222222' }],
          RequestedTimestamp: new Date('2026-11-02T09:00:00Z'),
        },
        n: 3,
      },
    };
    const value = {
      b: '${invite.Handshake.Id}',
      a: ['x ${invite.Handshake.Parties.0.Id} y', '${invite.n}'],
      t: '${invite.Handshake.RequestedTimestamp}',
      __proto__: 1,
    };
    const out = interpolate(JSON.parse(JSON.stringify(value)) as Record<string, unknown>, saved);
    expect(out).toEqual({ b: 'h-1', a: ['x 222222222222 y', 3], t: '2026-11-02T09:00:00.000Z' });
    expect(Object.keys(out)).toEqual(['b', 'a', 't']);
  });

  it('names the place and the missing name', () => {
    expect(() => interpolate({ detail: { id: '${invite1.Handshake.Id}' } }, { other: {} }, 'cancel.json')).toThrow(
      'cancel.json.detail.id: ${invite1.Handshake.Id}: nothing was saved as invite1 (saved: other)',
    );
    expect(() => interpolate('${x.constructor}', { x: {} })).toThrow('${x.constructor}: constructor is not there');
  });

  it('walks a 10,000-level value without overflowing the stack', () => {
    const deep = nested(10_000);
    let leaf = deep;
    for (let i = 0; i < 10_000; i++) leaf = leaf.a as Record<string, unknown>;
    leaf.id = '${x.y}';
    let copy = interpolate(deep, { x: { y: 7 } });
    for (let i = 0; i < 10_000; i++) copy = copy.a as Record<string, unknown>;
    expect(copy).toEqual({ id: 7 });
  });
});

describe('ISO 8601 timestamps for every service the model describes', () => {
  it('turns Organizations and Security IR timestamp members into Dates, and leaves other members alone', () => {
    const organizations = reviveTimestamps('organizations', 'InviteOrganizationToTransferResponsibility', {
      Type: 'BILLING',
      StartTimestamp: '2026-12-01T00:00:00Z',
      Notes: '2026-12-01T00:00:00Z',
    });
    expect(organizations).toEqual({
      Type: 'BILLING',
      StartTimestamp: new Date('2026-12-01T00:00:00Z'),
      Notes: '2026-12-01T00:00:00Z',
    });
    expect(
      reviveTimestamps('organizations', 'InviteOrganizationToTransferResponsibility', { StartTimestamp: 1_796_083_200 })
        .StartTimestamp,
    ).toEqual(new Date('2026-12-01T00:00:00Z'));
    const securityIr = reviveTimestamps('security-ir', 'CreateCase', {
      reportedIncidentStartDate: '2026-11-03T08:30:00Z',
      title: 't',
    });
    expect(securityIr.reportedIncidentStartDate).toEqual(new Date('2026-11-03T08:30:00Z'));
  });
});
