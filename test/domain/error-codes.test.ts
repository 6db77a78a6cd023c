import { describe, expect, it } from 'vitest';
import * as errors from '../../shared/domain/errors';
import * as securityIr from '../../shared/ports/security-ir';
import * as partyCase from '../../shared/use-cases/effects/party-case';

type ErrorClass = new (...args: string[]) => errors.OrgwardenError;

/** The concrete error classes a module exports (orgwarden's own: the descendants of OrgwardenError). */
const concrete = (module: Record<string, unknown>): Array<[string, ErrorClass]> =>
  Object.entries(module).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === 'function' &&
      entry[1].prototype instanceof errors.OrgwardenError &&
      !['PermanentError', 'TransientError'].includes(entry[0]),
  );

describe("orgwarden's error codes", () => {
  // Every module of product code that declares an orgwarden error class.
  const classes = [...concrete(errors), ...concrete(securityIr), ...concrete(partyCase)];

  it('are one row of the table per class: each class has its own code, and each code its class', () => {
    // Act
    const codes = classes.map(([, ErrorClass]) => new ErrorClass('a', 'b', 'c').code);

    // Assess
    expect(classes.length).toBeGreaterThanOrEqual(14);
    expect(new Set(codes).size).toBe(classes.length);
    expect(Object.fromEntries(classes.map(([name], i) => [name, codes[i]]))).toEqual(errors.errorCodes);
  });

  it.each(classes)('%s carries a stable code in upper snake case, ORGWARDEN_ first', (name, ErrorClass) => {
    // Act
    const error = new ErrorClass('a', 'b', 'c');

    // Assess
    expect(error.code).toMatch(/^ORGWARDEN_[A-Z]+(_[A-Z]+)*$/);
    expect(errors.errorCodeOf(error)).toBe(error.code);
  });

  it('names the malformed event, the foreign event and the subject not found as the issue does', () => {
    expect([
      errors.errorCodes.MalformedEventError,
      errors.errorCodes.ForeignEventError,
      errors.errorCodes.SubjectNotFoundError,
    ]).toEqual(['ORGWARDEN_MALFORMED_EVENT', 'ORGWARDEN_FOREIGN_EVENT', 'ORGWARDEN_SUBJECT_NOT_FOUND']);
  });

  it("is undefined for an error that is not orgwarden's", () => {
    expect(errors.errorCodeOf(new TypeError('x'))).toBeUndefined();
    expect(errors.errorCodeOf('x')).toBeUndefined();
  });
});
