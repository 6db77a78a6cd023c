import type * as z from 'zod/mini';
import type { DetailType } from '../detail-types';
import type { Snapshot } from '../snapshot';
import type { DeadlineRules } from './deadline';

/** What every subject's data carries: the state its state machine moves through. */
export interface SubjectData {
  readonly state: string;
}

/** A subject named by its kind and its id within the kind (`handshake` + `h-123`). */
export interface SubjectRef {
  readonly kind: string;
  readonly id: string;
}

/** What a subject that the service no longer knows means for orgwarden. */
export type Missing<D> =
  /** Record this state instead (an account that is no longer a member has departed). */
  | { readonly record: D }
  /** Nothing changed: the stored snapshot is already final (a closed handshake the API forgot). */
  | { readonly unchanged: true }
  /** The id names nothing orgwarden can record: a permanent error for the cause. */
  | { readonly notFound: true };

/**
 * A kind of subject, declared once: how its subject id is formed, its states and allowed moves, what
 * a missing subject means, its deadlines, the outside parties it names, and the event that announces
 * its changes. How it is re-read is bound in the composition root (a reader over a port), and what
 * the policy does about its changes is its row of reactions (shared/use-cases/reactions/), so this
 * declaration stays pure. Adding a subject type is a declaration, a reader and, when it has any, a
 * row of reactions; the pipeline, the sweep and the publisher do not change.
 */
export interface SubjectType<D extends SubjectData = SubjectData> {
  readonly kind: string;
  /** The id within the kind, e.g. `h-[0-9a-z]{8,32}`; ids from events are checked against it. */
  readonly idPattern: RegExp;
  /**
   * Its states: a closed list, or a pattern when the states are the service's own ids (an account's
   * parent, `r-…` or `ou-…`); the published detail's `before` and `after` are checked against it.
   */
  readonly states: readonly string[] | RegExp;
  /**
   * orgwarden's own bookkeeping (per-account coverage): its changes are recorded (snapshot, history)
   * and may plan reactions, but are never announced as such; absent: every change is announced.
   */
  readonly silent?: boolean;
  /** Whether the state machine allows `from` → `to`; an observation that would not is stale. */
  canMove(from: string, to: string): boolean;
  /** A final state never changes again (closed handshakes). */
  isFinal(state: string): boolean;
  /**
   * The state `whenMissing` records for a subject the service no longer knows (a departed account),
   * when it records one. A stored subject already in it that a complete audit listing does not have
   * is still gone: the audit does not re-read it (a departed account would cost a call every run,
   * forever). Absent: such subjects are re-read.
   */
  readonly goneState?: string;
  /**
   * Whether a healthy deployment learns of this change from an event (a call this organization's
   * accounts make, logged in its trail; a service event; a native event) before any audit could: a
   * change the audit finds that this says an event should have announced means events are being lost
   * (the trail, a rule, a forwarder: the audit's `unannounced` count and its alarm). Absent: never
   * (orgwarden's own bookkeeping, changes no event announces). Only state moves are asked: a change of
   * data alone is no transition.
   */
  announcedByEvents?(transition: { readonly from: string | null; readonly to: string }, data: D): boolean;
  /** What it means when the service answers "not found" for `id`, given what is stored. */
  whenMissing(id: string, stored: Snapshot | undefined): Missing<D>;
  /**
   * Its deadlines: times by which something happens to it that no event announces (an invitation
   * expires, a transfer starts); the sweep re-reads it then and warns before them. Absent: none.
   */
  readonly deadlines?: DeadlineRules<D>;
  /**
   * The outside parties its data names (account ids and emails of parties that are neither members
   * nor trusted: see isMaskable below), masked in what is published where the policy says
   * so. Absent: it names members only.
   */
  outsideParties?(data: D): string[];
  /**
   * The key a subject is found by in orgwarden's records while it is open, lower-cased (a pending
   * invitation: the account id or email it was sent to), so that an event naming the key finds the
   * subject without listing the service (a join finds the invitation it accepted). Absent, or
   * `undefined` for a subject's data: not found that way.
   */
  lookupKey?(data: D): string | undefined;
  /** The announcement of a transition on orgwarden's bus. */
  readonly published: {
    readonly detailType: DetailType;
    /** The key of the subject's part in the detail (`handshake`, `account`, …). */
    readonly field: string;
    /** The schema of that part; the published detail is validated against it. */
    readonly schema: z.ZodMiniType;
    /** That part, from the stored data (no secrets: emails and notes are left out). */
    describe(data: D): Record<string, unknown>;
    /** ARNs for the event's `resources`. */
    resources(data: D): string[];
  };
}

/** Declares a subject type (identity function that keeps the data type). */
export const defineSubjectType = <D extends SubjectData>(type: SubjectType<D>): SubjectType<D> => type;

/**
 * A stored subject's data as its type's data: the store keeps what the type's reader returned (or
 * its `whenMissing` recorded), so the one cast of generic code to a kind's data is here.
 */
export const dataOf = <D extends SubjectData>(_type: SubjectType<D>, snapshot: Pick<Snapshot, 'data'>): D =>
  snapshot.data as unknown as D;

/** The outside parties a stored subject names, as its type says (none when it declares none). */
export const outsidePartiesIn = <D extends SubjectData>(type: SubjectType<D>, data: Pick<Snapshot, 'data'>): string[] =>
  type.outsideParties?.(dataOf(type, data)) ?? [];

/** The key a stored subject is found by, as its type says (none when it declares none). */
export const lookupKeyOf = <D extends SubjectData>(
  type: SubjectType<D>,
  snapshot: Pick<Snapshot, 'data'>,
): string | undefined => type.lookupKey?.(dataOf(type, snapshot));

/** The subject id, e.g. `handshake:h-123`, `macie-member:eu-west-1:222222222222`. */
export const subjectId = (ref: SubjectRef): string => `${ref.kind}:${ref.id}`;

/**
 * The kind and id back from a subject id: the kind ends at the first `:` (an id may hold more). A
 * subject id without one (read back from the table, where any role may write) has the empty kind, which
 * no subject type declares.
 */
export const refOf = (subject: string): SubjectRef => {
  const colon = subject.indexOf(':');
  return colon === -1 ? { kind: '', id: subject } : { kind: subject.slice(0, colon), id: subject.slice(colon + 1) };
};

/**
 * Outside parties: the account ids and email addresses of parties that are neither members of the
 * organization nor trusted by the policy. orgwarden meets them in one place only, as the
 * counterparties of handshakes and billing transfers (the reader leaves this organization and its
 * management account out of them), so the domain can say exactly which values they are: no guess
 * from "anything that looks like an account id", which would also hide the organization's own
 * accounts (subjects, coverage, Macie members). Each subject type says which of its values they are
 * (`outsideParties`: the handshake and transfer types). Where the policy says so (`privacy.maskOutsideParties`),
 * they are masked in published events and logs; the stored snapshots keep them (the operator needs them).
 */
export const accountIdForm = /^\d{12}$/;
const email = /^[^\s@]+@[^\s@]+$/;

/** Only account ids and emails are masked (organization ids name an organization, not a person or an account). */
export const isMaskable = (value: string): boolean => accountIdForm.test(value) || email.test(value);
