import { describe, expect, it } from 'vitest';
import { accountType } from '../../shared/domain/subjects/account';
import { auditRunType } from '../../shared/domain/subjects/audit-run';
import { coverageType } from '../../shared/domain/subjects/coverage';
import { delegatedAdminType } from '../../shared/domain/subjects/delegated-admin';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { macieMemberType } from '../../shared/domain/subjects/macie-member';
import { membershipType } from '../../shared/domain/subjects/membership';
import { placementType } from '../../shared/domain/subjects/placement';
import { transferType } from '../../shared/domain/subjects/transfer';

/** Every subject type orgwarden declares, with an id of each (only those of the types with a gone state are used). */
const types = [
  [accountType, '123456789012'],
  [coverageType, '123456789012'],
  [placementType, '123456789012'],
  [macieMemberType, 'eu-west-1:123456789012'],
  [handshakeType, 'h-0123456789'],
  [transferType, 'rt-0123456789'],
  [membershipType, 'm-abcdefghij012345'],
  [delegatedAdminType, 'securityir.amazonaws.com'],
  [auditRunType, '2026-11-24T10:00:00Z'],
] as const;

describe('the subject types', () => {
  it('record their gone state, and only it, for a subject the service no longer knows (the audit skips subjects in it)', () => {
    const withGoneState = types.filter(([type]) => type.goneState !== undefined);
    expect(withGoneState.map(([type]) => type.kind).sort()).toEqual([
      'account',
      'coverage',
      'macie-member',
      'placement',
    ]);
    for (const [type, id] of withGoneState) {
      expect(type.idPattern.test(id), type.kind).toBe(true);
      const missing = type.whenMissing(id, undefined);
      expect(missing, type.kind).toHaveProperty('record');
      expect((missing as { record: { state: string } }).record.state, type.kind).toBe(type.goneState);
      const states: readonly string[] | RegExp = type.states;
      expect(
        states instanceof RegExp ? states.test(type.goneState!) : states.includes(type.goneState!),
        type.kind,
      ).toBe(true);
    }
  });
});
