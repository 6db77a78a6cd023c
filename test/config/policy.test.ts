import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadPolicy } from '../../shared/config/policy';
import { ConfigurationError } from '../../shared/domain/errors';
import { defaultPolicy, policyProblems } from '../../shared/domain/policy/policy';
import { isTrusted } from '../../shared/domain/policy/trust';
import { projectRoot } from '../../shared/local/template';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { readEvent, startStack } from '../support/stack';

describe('the policy', () => {
  it('defaults to notifying everything and enforcing nothing', () => {
    expect(loadPolicy(undefined)).toEqual(defaultPolicy);
    expect(Object.values(defaultPolicy.reactions).every((mode) => mode === 'notify')).toBe(true);
    expect(defaultPolicy.warnings.leadTimes).toEqual(['7d', '1d', '1h']);
  });

  it('ships a default policy file that is valid and says the same', async () => {
    const shipped = parseYaml(
      await readFile(join(projectRoot, 'shared/config/default-policy.yaml'), 'utf8'),
    ) as unknown;
    expect(policyProblems(shipped)).toEqual([]);
    expect(loadPolicy(JSON.stringify(shipped))).toEqual(defaultPolicy);
  });

  it.each([
    [{ version: 2 }, 'version: Invalid input: expected 1'],
    [{ version: 1, reactions: { untrustedInvitation: 'always' } }, 'reactions.untrustedInvitation: Invalid option'],
    [
      { version: 1, trust: { billingTransfers: { payers: { organizations: ['org-1'] } } } },
      'trust.billingTransfers.payers.organizations.0: an organization id',
    ],
    [{ version: 1, warnings: { leadTimes: ['a week'] } }, 'warnings.leadTimes.0: a lead time'],
    [{ version: 1, reactions: { incidentCase: 'enforce' } }, 'incidentCase.watchers: at least one watcher'],
    [{ version: 1, surprise: true }, 'Unrecognized key'],
  ])('refuses %j at cold start, naming the field', (document, problem) => {
    expect(() => loadPolicy(JSON.stringify(document))).toThrow(ConfigurationError);
    expect(() => loadPolicy(JSON.stringify(document))).toThrow(problem);
  });

  it('refuses a policy that is not JSON', () => {
    expect(() => loadPolicy('version: 1')).toThrow(/ORGWARDEN_POLICY is not JSON/);
  });

  it('trusts an email by its domain and subdomains, an account and an organization by id', () => {
    const trusted = { accounts: ['222222222222'], organizations: ['o-abcdefghij'], emailDomains: ['example.com'] };
    expect(isTrusted(trusted, { id: 'ops@example.com', type: 'EMAIL' })).toBe(true);
    expect(isTrusted(trusted, { id: 'ops@eu.example.com', type: 'EMAIL' })).toBe(true);
    expect(isTrusted(trusted, { id: 'ops@badexample.com', type: 'EMAIL' })).toBe(false);
    expect(isTrusted(trusted, { id: '222222222222', type: 'ACCOUNT' })).toBe(true);
    expect(isTrusted(trusted, { id: 'o-abcdefghij', type: 'ORGANIZATION' })).toBe(true);
    expect(isTrusted(trusted, { id: '333333333333', type: 'ACCOUNT' })).toBe(false);
  });
});

describe('a function under an invalid policy', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack('2026-11-02T09:00:00Z', '111111111111', {
      version: 1,
      reactions: { untrustedTransfer: 'maybe' },
    });
  });
  afterAll(() => stack.stop());

  it('fails at cold start with the field named; Lambda retries, then keeps the event', async () => {
    await stack.deliver((await readEvent('organizations/cancel-handshake.json')) as never);
    await stack.advanceTo(new Date('2026-11-02T09:10:00Z'));
    expect(stack.deadLetters.map((letter) => `${letter.error.name}: ${letter.error.message}`)).toEqual([
      expect.stringMatching(
        /^ConfigurationError: invalid policy: reactions\.untrustedTransfer: Invalid option/,
      ) as string,
    ]);
    expect(await stack.store.listSnapshots()).toEqual([]);
  });
});
