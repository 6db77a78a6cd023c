import { describe, expect, it } from 'vitest';
import { outsidePartiesInLogged } from '../../shared/adapters/privacy/logged-parties';
import { maskerFor, tokenWith } from '../../shared/adapters/privacy/masker';
import { ConfigurationError } from '../../shared/domain/errors';
import { policySchema } from '../../shared/domain/policy/policy';
import { maskDeep, maskText, partiesToMask } from '../../shared/domain/policy/privacy';
import { handshakeOutsideParties } from '../../shared/domain/subjects/handshake';
import { transferOutsideParties } from '../../shared/domain/subjects/transfer';
import { readEvent } from '../support/stack';

const key = 'arn:aws:cloudformation:us-east-1:111111111111:stack/orgwarden-test/uuid';
const token = tokenWith(key);
const masking = policySchema.parse({
  version: 1,
  trust: { invitations: { sent: { accounts: ['222222222222'], emailDomains: ['example.com'] } } },
  privacy: { maskOutsideParties: true },
});

describe('the outside parties of a subject', () => {
  it("are an open invitation's account and email counterparties, not the organization it names", () => {
    const counterparties = [
      { id: '444444444444', type: 'ACCOUNT' },
      { id: 'Mallory@Untrusted.example', type: 'EMAIL' },
      { id: 'o-otherorg1234', type: 'ORGANIZATION' },
    ];
    expect(handshakeOutsideParties({ action: 'INVITE', state: 'OPEN', direction: 'outbound', counterparties })).toEqual(
      ['444444444444', 'Mallory@Untrusted.example'],
    );
  });

  it('are none once an invitation this organization sent is accepted (the invitee is a member)', () => {
    expect(
      handshakeOutsideParties({
        action: 'INVITE',
        state: 'ACCEPTED',
        direction: 'outbound',
        counterparties: [{ id: '444444444444', type: 'ACCOUNT' }],
      }),
    ).toEqual([]);
    expect(
      handshakeOutsideParties({
        action: 'INVITE',
        state: 'ACCEPTED',
        direction: 'inbound',
        counterparties: [{ id: '555555555555', type: 'ACCOUNT' }],
      }),
    ).toEqual(['555555555555']);
  });

  it("are a transfer's other end: the source of an inbound one, the target of an outbound one", () => {
    expect(
      transferOutsideParties({
        direction: 'inbound',
        sourceAccountId: '333333333333',
        targetAccountId: '111111111111',
      }),
    ).toEqual(['333333333333']);
    expect(
      transferOutsideParties({
        direction: 'outbound',
        sourceAccountId: '111111111111',
        targetAccountId: '777777777777',
      }),
    ).toEqual(['777777777777']);
  });
});

describe('masking under the policy', () => {
  it('masks nothing where the policy does not ask', () => {
    expect(partiesToMask(policySchema.parse({ version: 1 }), ['444444444444'])).toEqual([]);
  });

  it('leaves trusted accounts and domains (and their subdomains) alone', () => {
    expect(
      partiesToMask(masking, [
        '444444444444',
        '222222222222',
        'bob@lab.example.com',
        'mallory@untrusted.example',
        'o-otherorg1234',
      ]),
    ).toEqual(['444444444444', 'mallory@untrusted.example']);
  });

  it('gives the same party the same token, keyed by the deployment, keeping an email its domain', () => {
    expect(token('444444444444')).toMatch(/^masked:[0-9a-f]{10}$/);
    expect(token('444444444444')).toBe(token('444444444444'));
    expect(tokenWith(`${key}-other`)('444444444444')).not.toBe(token('444444444444'));
    expect(token('Mallory@Untrusted.example')).toMatch(/^masked-[0-9a-f]{10}@Untrusted\.example$/);
    expect(token('mallory@untrusted.example').split('@')[0]).toBe(token('MALLORY@untrusted.example').split('@')[0]);
  });

  it('masks an account id only as a whole number, and emails in any case, inside free text', () => {
    const text = 'untrusted party (invitation-sent): 444444444444, MALLORY@untrusted.example; case 14444444444449';
    expect(maskText(text, ['444444444444', 'mallory@untrusted.example'], token)).toBe(
      `untrusted party (invitation-sent): ${token('444444444444')}, ${token('mallory@untrusted.example')}; case 14444444444449`,
    );
  });

  it('masks every string of a JSON value, leaving its keys and other values', () => {
    const detail = { parties: [{ id: '444444444444', type: 'ACCOUNT' }], version: 2, note: null };
    expect(maskDeep(detail, ['444444444444'], token)).toEqual({
      parties: [{ id: token('444444444444'), type: 'ACCOUNT' }],
      version: 2,
      note: null,
    });
  });
});

describe('the masker of a function', () => {
  it('refuses to start masking without a key', () => {
    expect(() => maskerFor(masking, undefined)).toThrow(ConfigurationError);
  });

  it('masks the outside parties an event names, in its detail and resources, and never sends their list', () => {
    // Prepare
    const masker = maskerFor(masking, key);
    const event = {
      source: 'orgwarden',
      detailType: 'Reaction Executed',
      time: 't',
      detail: { reason: 'untrusted party: 444444444444, 222222222222' },
      resources: ['x/444444444444'],
      outsideParties: ['444444444444', '222222222222'],
    };
    // Act
    const masked = masker.maskEvent(event);
    // Assess
    expect(masked).toEqual({
      source: 'orgwarden',
      detailType: 'Reaction Executed',
      time: 't',
      detail: { reason: `untrusted party: ${token('444444444444')}, 222222222222` },
      resources: [`x/${token('444444444444')}`],
    });
  });

  it('only drops the list where the policy does not mask', () => {
    const masker = maskerFor(policySchema.parse({ version: 1 }), undefined);
    expect(masker.logReplacer).toBeUndefined();
    expect(
      masker.maskEvent({
        source: 's',
        detailType: 'd',
        time: 't',
        detail: { id: '444444444444' },
        resources: [],
        outsideParties: ['444444444444'],
      }),
    ).toEqual({ source: 's', detailType: 'd', time: 't', detail: { id: '444444444444' }, resources: [] });
  });

  it('masks a log line with the parties it names by structure and those published before', () => {
    // Prepare: a party published earlier in the process, then a line that names it in free text.
    const masker = maskerFor(masking, key);
    masker.maskEvent({
      source: 's',
      detailType: 'd',
      time: 't',
      detail: {},
      resources: [],
      outsideParties: ['999999999999'],
    });
    const line = {
      message: 'processed',
      error: new Error('cancel failed for 999999999999'),
      subject: 'account:555555555555',
    };
    // Act
    const written = JSON.stringify(line, (k, v: unknown) =>
      masker.logReplacer!(k, v instanceof Error ? { message: v.message } : v),
    );
    // Assess: the known party is masked; a member named as a subject is not.
    expect(written).toContain(token('999999999999'));
    expect(written).not.toContain('999999999999');
    expect(written).toContain('account:555555555555');
  });
});

describe('the outside parties a logged event names', () => {
  const line = (event: unknown) => ({
    level: 'INFO',
    message: 'Lambda invocation event',
    function_arn: 'arn:aws:lambda:us-east-1:111111111111:function:orgwarden-handshake-changed',
    event,
  });

  it("are an invitation's invitee, not the inviting management account or its email", async () => {
    expect(outsidePartiesInLogged(line(await readEvent('organizations/invite-account-to-organization.json')))).toEqual([
      '222222222222',
    ]);
  });

  it("are a billing invitation's target and a transfer's other end", async () => {
    expect(
      outsidePartiesInLogged(
        line(await readEvent('organizations/invite-organization-to-transfer-responsibility.json')),
      ),
    ).toEqual(['333333333333']);
    expect(
      outsidePartiesInLogged(line(await readEvent('organizations/responsibility-transfer-accepted.json'))),
    ).toEqual(['333333333333']);
  });

  it('are none in the events of member accounts', async () => {
    expect(outsidePartiesInLogged(line(await readEvent('organizations/account-joined-organization.json')))).toEqual([]);
    expect(outsidePartiesInLogged(line(await readEvent('organizations/move-account.json')))).toEqual([]);
  });
});
