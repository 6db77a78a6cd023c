import * as z from 'zod/mini';

/**
 * Values outside the service model's enums. AWS adds enum values without notice (handshake action
 * `TRANSFER_RESPONSIBILITY`, Macie's `RegionDisabled` came that way), and its SDKs hand them over
 * as plain strings: orgwarden records such a value as read, says in the subject's announcement that
 * it does not know it, and alerts once per value, rather than refusing the reading (which would stop
 * the subject from ever being recorded again).
 */
export interface UnrecognizedValue {
  /**
   * Where it was read, `<subject field>.<member>`: `handshake.state`, `transfer.status`,
   * `macieMember.relationshipStatus`.
   */
  readonly field: string;
  readonly value: string;
}

export const unrecognizedValueSchema = z.object({ field: z.string(), value: z.string() });

/**
 * What an enum value AWS may add looks like: a word of letters, digits, `_`, `-` or `.` (the models'
 * enums are all such words). Anything else is not a new value but a broken answer, still refused;
 * the bound also keeps what is stored and keyed small.
 */
export const unrecognizedToken = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** A data record that may carry unrecognized values (a subject's data, a port's reading). */
export interface MayBeUnrecognized {
  readonly unrecognized?: readonly UnrecognizedValue[];
}

/**
 * Reads an enum member: a known value as it is; a value of the right form that the model does not
 * list is kept as read and noted in `notes`. Returns undefined for an absent or malformed value (the
 * caller refuses the answer: a missing state is not a new state).
 */
export const readEnum = <T extends string>(
  known: readonly T[],
  value: string | undefined,
  field: string,
  notes: UnrecognizedValue[],
): OrUnrecognized<T> | undefined => {
  if (value === undefined) return undefined;
  if (known.some((k) => k === value)) return value;
  if (!unrecognizedToken.test(value)) return undefined;
  notes.push({ field, value });
  return value;
};

/** The `unrecognized` member of a data record, present only when it holds something (equal readings compare equal). */
export const unrecognizedPart = (notes: readonly UnrecognizedValue[]): MayBeUnrecognized =>
  notes.length > 0 ? { unrecognized: [...notes] } : {};

/** The unrecognized values a data record carries. */
export const unrecognizedOf = (
  data: Readonly<Record<string, unknown>> | MayBeUnrecognized,
): readonly UnrecognizedValue[] => {
  const notes = (data as MayBeUnrecognized).unrecognized;
  // Stored data comes back from the table as it was written: anything but a list carries none.
  return Array.isArray(notes) ? (notes as readonly UnrecognizedValue[]) : [];
};

/** Whether a state is one of a subject type's known states (a pattern of states knows every match). */
export const isKnownState = (states: readonly string[] | RegExp, state: string): boolean =>
  states instanceof RegExp ? states.test(state) : states.includes(state);

/**
 * A state machine that also knows unknown states: between known states, `canMove` decides; an
 * unknown state may move to any other state, and any state but a final one may move to an unknown
 * one (an unknown state is never final: whatever it means, the subject stays watched).
 */
export const withUnknownStates =
  (states: readonly string[], canMove: (from: string, to: string) => boolean, isFinal: (state: string) => boolean) =>
  (from: string, to: string): boolean => {
    if (from === to) return false;
    if (states.includes(from) && states.includes(to)) return canMove(from, to);
    return !(states.includes(from) && isFinal(from));
  };

/** The subject that records a value orgwarden alerted about (once: its snapshot is written only when absent). */
export const unrecognizedSubject = (note: UnrecognizedValue): string => `unrecognized:${note.field}:${note.value}`;

/** A member of a closed list, or a value AWS added that orgwarden does not know (kept as read). */
export type OrUnrecognized<T extends string> = T | (string & Record<never, never>);

/** The note for `value` when `known` does not list it (a reading the port already checked for form). */
export const notesOf = (known: readonly string[], value: string, field: string): UnrecognizedValue[] =>
  known.includes(value) ? [] : [{ field, value }];

/**
 * Values that decide no reaction (an account's lifecycle `State` is informative): one unknown does not hold a change's
 * reactions back.
 */
const informative: ReadonlySet<string> = new Set(['account.accountState']);

/**
 * Whether reactions may be decided on a reading: never on a state orgwarden does not know, nor on a
 * reading whose deciding values it does not know (a handshake's action). No cancel, decline, restore
 * or association is decided on a value nobody understands: it is announced and alerted only.
 */
export const isDecidable = (
  states: readonly string[] | RegExp,
  state: string,
  data: Readonly<Record<string, unknown>>,
): boolean => isKnownState(states, state) && unrecognizedOf(data).every((note) => informative.has(note.field));

/**
 * A value that may be outside a closed list: one of `known`, or a word AWS may have added since
 * (below); the detail's `unrecognized` says which values those are.
 */
export const knownOrUnrecognized = (known: readonly string[]) =>
  z.union([z.enum(known as [string, ...string[]]), z.string().check(z.regex(unrecognizedToken))]);
