import { describe, expect, it } from 'vitest';
import * as errors from '../../shared/domain/errors';
import * as securityIr from '../../shared/ports/security-ir';

type ErrorClass = new (...args: string[]) => Error;

/** The concrete error classes a module exports (orgwarden's own: the descendants of OrgwardenError). */
const concrete = (module: Record<string, unknown>): Array<[string, ErrorClass]> =>
  Object.entries(module).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === 'function' &&
      entry[1].prototype instanceof errors.OrgwardenError &&
      !['PermanentError', 'TransientError'].includes(entry[0]),
  );

describe("orgwarden's error classes", () => {
  const classes = [...concrete(errors), ...concrete(securityIr)];

  it('are found (the check below is not vacuous)', () => {
    expect(classes.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'MalformedEventError',
        'ForeignEventError',
        'EffectsPendingError',
        'SecurityIrMembershipNotRestorableError',
      ]),
    );
  });

  // The deployed bundles are minified: a name taken from the class itself would reach the logs and
  // the dead letters mangled (test/infra/bundles.test.ts shows it on the packaged handler).
  it.each(classes)('%s names itself with a literal, not with its (minifiable) class name', (name, ErrorClass) => {
    // Prepare: the class renamed as a minifier renames it.
    const own = Object.getOwnPropertyDescriptor(ErrorClass, 'name')!;
    Object.defineProperty(ErrorClass, 'name', { ...own, value: 'Os' });
    try {
      // Act
      const error = new ErrorClass('a', 'b', 'c');
      // Assess
      expect(error.name).toBe(name);
    } finally {
      Object.defineProperty(ErrorClass, 'name', own);
    }
  });
});
