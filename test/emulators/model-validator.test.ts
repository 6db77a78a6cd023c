import { describe, expect, it } from 'vitest';
import {
  javaPatternToRegExp,
  loadPaginators,
  loadServiceModel,
  validateShape,
} from '../../shared/local/emulators/model';

const organizations = loadServiceModel('organizations');

describe('loadServiceModel', () => {
  it('reads a model once and caches it', () => {
    // Prepare / Act
    const first = loadServiceModel('organizations');
    const second = loadServiceModel('organizations');

    // Assess
    expect(first).toBe(second);
    expect(first.metadata.targetPrefix).toBe('AWSOrganizationsV20161128');
    expect(loadPaginators('organizations').ListAccounts?.result_key).toBe('Accounts');
  });

  it('rejects a name that is not a model folder', () => {
    expect(() => loadServiceModel('../secrets')).toThrow(/Invalid service model name/);
    expect(() => loadServiceModel('no-such-service')).toThrow(/Cannot read the service model/);
  });
});

describe('validateShape', () => {
  it('accepts a valid request', () => {
    // Prepare
    const input = {
      Target: { Id: '222222222222', Type: 'ACCOUNT' },
      Notes: 'join us',
      Tags: [{ Key: 'team', Value: '' }],
    };

    // Act
    const violations = validateShape(organizations, 'InviteAccountToOrganizationRequest', input);

    // Assess
    expect(violations).toEqual([]);
  });

  it('names the member that breaks a pattern, a length and a requirement', () => {
    // Prepare
    const input = { HandshakeId: 'h-BAD' };

    // Act
    const pattern = validateShape(organizations, 'DescribeHandshakeRequest', input);
    const length = validateShape(organizations, 'DescribeHandshakeRequest', { HandshakeId: `h-${'a'.repeat(40)}` });
    const required = validateShape(organizations, 'DescribeHandshakeRequest', {});

    // Assess
    expect(pattern).toMatchObject([{ path: 'HandshakeId', kind: 'pattern', shape: 'HandshakeId' }]);
    expect(length.map((v) => v.kind)).toEqual(['max-length', 'pattern']);
    expect(required).toMatchObject([{ path: 'HandshakeId', kind: 'required' }]);
  });

  it('checks enums, ranges, nested lists and unknown members', () => {
    // Prepare
    const input = { Filter: { ActionType: 'JOIN' }, MaxResults: 21, Extra: true };
    const tags = { Target: { Id: 'x', Type: 'ACCOUNT' }, Tags: [{ Key: 'k' }] };

    // Act
    const violations = validateShape(organizations, 'ListHandshakesForAccountRequest', input);
    const nested = validateShape(organizations, 'InviteAccountToOrganizationRequest', tags);
    const lenient = validateShape(organizations, 'ListHandshakesForAccountRequest', { Extra: 1 }, '', {
      allowUnknownMembers: true,
    });

    // Assess
    expect(violations.map((v) => [v.path, v.kind])).toEqual([
      ['Filter.ActionType', 'enum'],
      ['MaxResults', 'max-value'],
      ['Extra', 'unknown-member'],
    ]);
    expect(nested).toMatchObject([{ path: 'Tags[0].Value', kind: 'required' }]);
    expect(lenient).toEqual([]);
  });

  it('validates timestamps in the wire format the caller states', () => {
    // Prepare
    const epoch = { Handshake: { RequestedTimestamp: 1_700_000_000.5 } };
    const iso = { Handshake: { RequestedTimestamp: '2023-11-14T22:13:20Z' } };

    // Act / Assess
    expect(validateShape(organizations, 'DescribeHandshakeResponse', epoch)).toEqual([]);
    expect(validateShape(organizations, 'DescribeHandshakeResponse', iso)).toMatchObject([{ kind: 'type' }]);
    expect(validateShape(organizations, 'DescribeHandshakeResponse', iso, '', { timestampFormat: 'iso8601' })).toEqual(
      [],
    );
    expect(
      validateShape(organizations, 'DescribeHandshakeResponse', { Handshake: { RequestedTimestamp: new Date() } }, '', {
        timestampFormat: 'date',
      }),
    ).toEqual([]);
  });

  it('validates shapes of the other models the emulators will serve', () => {
    // Prepare
    const macie = loadServiceModel('macie2');
    const securityIr = loadServiceModel('security-ir');

    // Act / Assess: every pattern of every model compiles as a JavaScript RegExp.
    for (const model of [organizations, macie, securityIr, loadServiceModel('events'), loadServiceModel('scheduler')]) {
      for (const shape of Object.values(model.shapes)) {
        if (shape.pattern !== undefined) expect(() => javaPatternToRegExp(shape.pattern!)).not.toThrow();
      }
    }
  });
});

describe('javaPatternToRegExp', () => {
  it('rewrites Java-only constructs', () => {
    expect(javaPatternToRegExp('\\A\\p{Alpha}+\\z').test('abc')).toBe(true);
    expect(javaPatternToRegExp('\\A\\p{Alpha}+\\z').test('ab1')).toBe(false);
    expect(javaPatternToRegExp('^[\\p{Alnum}_]++$').test('a_1')).toBe(true);
    expect(javaPatternToRegExp('^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$').test('Équipe 1')).toBe(true);
    expect(javaPatternToRegExp('^(?>ab)c$').test('abc')).toBe(true);
  });

  it('keeps search semantics: a pattern is not implicitly anchored', () => {
    expect(javaPatternToRegExp('[^\\s@]+@[^\\s@]+\\.[^\\s@]+').test(' a@b.c ')).toBe(true);
  });
});
