import { describe, expect, it } from 'vitest';
import { policySchema } from '../../shared/domain/policy/policy';
import { maskDeep, maskText, partiesToMask } from '../../shared/domain/policy/privacy';
import { accountType } from '../../shared/domain/subjects/account';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { outsidePartiesIn } from '../../shared/domain/subjects/subject-type';
import { transferType } from '../../shared/domain/subjects/transfer';

const token = (value: string) => `<party:${value.length}>`;

describe('outside parties, as each subject type names them', () => {
  it('takes a handshake’s counterparties, but not the invitee of an accepted invitation sent (a member now)', () => {
    // Prepare
    const data = {
      id: 'h-abcdefgh12',
      action: 'INVITE',
      state: 'OPEN',
      direction: 'outbound',
      counterparties: [
        { id: '444444444444', type: 'ACCOUNT' },
        { id: 'o-exampleorgid', type: 'ORGANIZATION' },
      ],
    };
    // Act & Assess
    expect(outsidePartiesIn(handshakeType, { data })).toEqual(['444444444444']);
    expect(outsidePartiesIn(handshakeType, { data: { ...data, state: 'ACCEPTED' } })).toEqual([]);
    expect(outsidePartiesIn(handshakeType, { data: { ...data, state: 'ACCEPTED', direction: 'inbound' } })).toEqual([
      '444444444444',
    ]);
  });

  it('takes a transfer’s other management account, and nothing of a kind that names members only', () => {
    expect(
      outsidePartiesIn(transferType, {
        data: { direction: 'inbound', sourceAccountId: '333333333333', targetAccountId: '111111111111' },
      }),
    ).toEqual(['333333333333']);
    expect(
      outsidePartiesIn(transferType, { data: { direction: 'outbound', sourceAccountId: '111111111111' } }),
    ).toEqual([]);
    expect(outsidePartiesIn(accountType, { data: { id: '222222222222', email: 'someone@example.com' } })).toEqual([]);
  });
});

describe('masking', () => {
  it('masks only what the policy asks, and never a trusted party', () => {
    const values = ['444444444444', '222222222222', 'Mallory@Untrusted.example', 'o-exampleorgid'];
    expect(partiesToMask(policySchema.parse({ version: 1 }), values)).toEqual([]);
    const masking = policySchema.parse({
      version: 1,
      privacy: { maskOutsideParties: true },
      trust: { invitations: { sent: { accounts: ['222222222222'] } } },
    });
    expect(partiesToMask(masking, values)).toEqual(['444444444444', 'Mallory@Untrusted.example']);
  });

  it('replaces every occurrence in free text, in any case, but not inside a longer number', () => {
    const text =
      'invited 444444444444 (arn:aws:iam::444444444444:root) and MALLORY@untrusted.example; order 14444444444449';
    expect(maskText(text, ['444444444444', 'mallory@untrusted.example'], token)).toBe(
      'invited <party:12> (arn:aws:iam::<party:12>:root) and <party:25>; order 14444444444449',
    );
    expect(maskText(text, [], token)).toBe(text);
  });

  it('masks every string of a JSON value, leaving keys and other values as they are', () => {
    const detail = {
      parties: [{ id: '444444444444', type: 'ACCOUNT' }],
      reason: 'untrusted 444444444444',
      version: 2,
      '444444444444': true,
    };
    expect(maskDeep(detail, ['444444444444'], token)).toEqual({
      parties: [{ id: '<party:12>', type: 'ACCOUNT' }],
      reason: 'untrusted <party:12>',
      version: 2,
      '444444444444': true,
    });
    expect(maskDeep(detail, [], token)).toBe(detail);
  });
});
