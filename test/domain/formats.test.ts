import { describe, expect, it } from 'vitest';
import { keySuffixOfId, ledgerId, namedKeyOf, parseLedgerId } from '../../shared/domain/ledger';
import { refOf, subjectId } from '../../shared/domain/subjects/subject-type';

describe('ledger ids: built and parsed by shared/domain/ledger.ts only', () => {
  it.each([
    ['handshake:h-0123456789', 3, 'publish', 'publish', undefined],
    [
      'handshake:h-0123456789',
      0,
      'publish:expiring:expiry:2026-11-02T10:00:00.000Z:P7D',
      'publish',
      'expiring:expiry:2026-11-02T10:00:00.000Z:P7D',
    ],
    ['macie-member:eu-west-1:222222222222', 12, 'associate-macie-member', 'associate-macie-member', undefined],
    // A subject holding `#`, even `#v<n>#` (an unrecognized value is whatever AWS reported).
    ['unrecognized:handshake.state:A#v1#B', 1, 'publish:unrecognized', 'publish', 'unrecognized'],
    ['unrecognized:x:#v', 2, 'confirm-coverage:e-1:3', 'confirm-coverage', 'e-1:3'],
  ])('%s v%i with key %s parses back into its parts', (subject, version, key, action, suffix) => {
    // Prepare
    const id = ledgerId(subject, version, key);

    // Act
    const parts = parseLedgerId(id);

    // Assess
    expect(parts).toEqual({ subject, version, key, action, ...(suffix === undefined ? {} : { suffix }) });
    expect(ledgerId(parts!.subject, parts!.version, parts!.key)).toBe(id);
  });

  it.each([
    ['no version', 'handshake:h-1#publish'],
    ['no key', 'handshake:h-1#v3#'],
    ['no separator at all', 'publish'],
    ['a version that is not a number', 'handshake:h-1#vx#publish'],
    ['a version spelt with a leading zero', 'handshake:h-1#v03#publish'],
    ['a key holding `#` after the version', 'handshake:h-1#v3#publish#x'],
  ])('an id with %s is no ledger id (%s)', (_why, id) => {
    // Act
    const parts = parseLedgerId(id);

    // Assess
    expect(parts).toBeUndefined();
  });

  it('the suffix of a key is what follows its action, with its `:`', () => {
    // Assess
    expect(keySuffixOfId(ledgerId('account:111111111111', 4, 'check-coverage:e-1'))).toBe(':e-1');
    expect(keySuffixOfId(ledgerId('account:111111111111', 4, 'confirm-coverage:e-1:2'))).toBe(':e-1:2');
    expect(keySuffixOfId(ledgerId('account:111111111111', 4, 'check-coverage'))).toBe('');
    expect(keySuffixOfId(ledgerId('a:b#v1#check-coverage:x', 4, 'check-coverage'))).toBe('');
  });

  it('the key an id names is what follows its last `#`, even when the rest is not a ledger id', () => {
    // Assess
    expect(namedKeyOf(ledgerId('unrecognized:x:a#b', 2, 'cancel-handshake'))).toBe('cancel-handshake');
    expect(namedKeyOf('forged-without-separator')).toBe('forged-without-separator');
  });
});

describe('subject ids: built and parsed by shared/domain/subjects/subject-type.ts only', () => {
  it.each([
    ['handshake', 'h-0123456789'],
    ['macie-member', 'eu-west-1:222222222222'],
    ['unrecognized', 'handshake.state:A#v1#B'],
    ['audit-run', ''],
  ])('%s %s round-trips', (kind, id) => {
    // Act
    const ref = refOf(subjectId({ kind, id }));

    // Assess
    expect(ref).toEqual({ kind, id });
  });

  it('a subject id without a kind names the empty kind, which no type declares', () => {
    // Act
    const ref = refOf('h-0123456789');

    // Assess
    expect(ref).toEqual({ kind: '', id: 'h-0123456789' });
  });
});
