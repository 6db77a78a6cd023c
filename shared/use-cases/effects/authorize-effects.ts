import { UnauthorizedEffectError } from '../../domain/errors';
import { ledgerId, parseLedgerId, type LedgerEntry, type PlannedEffect } from '../../domain/ledger';
import type { Snapshot } from '../../domain/snapshot';
import { refOf, type SubjectType } from '../../domain/subjects/subject-type';
import type { CommittedChange, StateStore } from '../../ports/state-store';
import type { Planner } from '../../domain/change';
import type { Executors } from './effect';

/**
 * An entry cleared to run (with the payload the policy plans now), refused with the reason, or
 * deferred: a follow-up whose planned parent is still unfinished (being run again after a crash) waits
 * for it, and is taken over once the parent is done.
 */
export type Authorization =
  { readonly entry: LedgerEntry } | { readonly refused: UnauthorizedEffectError } | { readonly deferred: string };

/**
 * Decides whether ledger entries read back from the table may be carried out. The table is writable
 * by every role of the stack: an entry proves nothing by existing. Only the history and the policy in
 * force do.
 */
export interface EffectAuthority {
  /** One answer per entry, in order; throws only when the store cannot be read (a retry may cure it). */
  authorize(entries: readonly LedgerEntry[]): Promise<Authorization[]>;
}

export interface AuthorityDeps {
  readonly store: Pick<StateStore, 'getChange' | 'getLedger' | 'getSnapshot'>;
  /** The declaration of a kind (undefined: a kind this deployment does not know). */
  readonly typeOf: (kind: string) => SubjectType | undefined;
  /** What the policy in force plans for a committed change (shared/use-cases/reactions/reaction-table.ts). */
  readonly plan: Planner;
  /** Where follow-up actions say which planned action creates them (`followUpOf`). */
  readonly executors: Executors;
}

const keyOfId = (entry: LedgerEntry): string | undefined => {
  const parts = parseLedgerId(entry.id);
  return parts?.subject === entry.subject && parts.version === entry.version ? parts.key : undefined;
};

const plannedKey = (effect: PlannedEffect): string => effect.key ?? effect.action;

/**
 * The authority of the history: an entry that changes anything outside orgwarden (every action but
 * those that only announce, `announcesOnly`: any of orgwarden's roles may publish on its own bus
 * anyway) runs only when
 * - its id is the one the pipeline derives from its own subject, version and action;
 * - that version of the subject is a committed history entry;
 * - the policy in force, given that change, plans that very effect, whose payload is then the one
 *   planned now (so a case's title, description and watchers come from the policy and the recorded
 *   change at run time, never from the entry); or it is the follow-up of such an effect that its
 *   executor declares (`followUpOf`: a coverage check's `cover-account` and confirmations), whose
 *   parent entry is done and names the same target.
 * Anything else is refused (`UnauthorizedEffectError`).
 */
export const historyAuthority = (deps: AuthorityDeps): EffectAuthority => ({
  async authorize(entries) {
    const changes = new Map<string, Promise<Change | string>>();
    const changeOf = (subject: string, version: number): Promise<Change | string> => {
      const id = `${subject}#v${version}`;
      let found = changes.get(id);
      if (!found) changes.set(id, (found = readChange(deps, subject, version)));
      return found;
    };
    return Promise.all(entries.map((entry) => authorizeOne(deps, entry, changeOf)));
  },
});

type Change = { readonly planned: readonly PlannedEffect[] };

const refuse = (entry: LedgerEntry, why: string): Authorization => ({
  refused: new UnauthorizedEffectError(`${entry.action} ${entry.id}: ${why}`),
});

const authorizeOne = async (
  deps: AuthorityDeps,
  entry: LedgerEntry,
  changeOf: (subject: string, version: number) => Promise<Change | string>,
): Promise<Authorization> => {
  if (deps.executors[entry.action]?.announcesOnly) return { entry };
  const key = keyOfId(entry);
  if (key === undefined || !key.startsWith(entry.action))
    return refuse(entry, 'its id is not the one its subject, version and action give');
  const change = await changeOf(entry.subject, entry.version);
  if (typeof change === 'string') return refuse(entry, change);
  const planned = change.planned.find((effect) => plannedKey(effect) === key && effect.action === entry.action);
  if (planned) return { entry: { ...entry, payload: planned.payload } };
  const parentAction = deps.executors[entry.action]?.followUpOf;
  if (!parentAction)
    return refuse(entry, `the policy in force does not plan ${key} for ${entry.subject} v${entry.version}`);
  const suffix = key.slice(entry.action.length);
  const parent = change.planned.find(
    (effect) =>
      effect.action === parentAction.action &&
      new RegExp(`^${escape(plannedKey(effect).slice(effect.action.length))}(:\\d+)?$`).test(suffix),
  );
  if (!parent)
    return refuse(
      entry,
      `no ${parentAction.action} the policy plans for ${entry.subject} v${entry.version} leads to ${key}`,
    );
  const parentEntry = await deps.store.getLedger(ledgerId(entry.subject, entry.version, plannedKey(parent)));
  // Its parent crashed after writing it and is run again (maybe in this very batch): wait for it.
  if (parentEntry?.status === 'claimed')
    return { deferred: `${entry.id}: its ${parentAction.action} is not finished yet` };
  if (parentEntry?.status !== 'done') return refuse(entry, `its ${parentAction.action} is not done`);
  if (!parentAction.sameTarget(parent.payload, entry.payload))
    return refuse(entry, `it names another target than its ${parentAction.action}`);
  return { entry };
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const readChange = async (deps: AuthorityDeps, subject: string, version: number): Promise<Change | string> => {
  const { kind } = refOf(subject);
  const type = deps.typeOf(kind);
  if (!type) return `no subject type ${kind}`;
  const committed: CommittedChange | undefined = await deps.store.getChange(subject, version);
  if (!committed || committed.transition.subject !== subject || committed.transition.version !== version)
    return `no committed change of ${subject} at version ${version}`;
  let data = committed.data;
  if (!data) {
    // History written before orgwarden kept each version's data: the snapshot holds it while it is that version.
    const current = await deps.store.getSnapshot(subject);
    if (current?.version !== version)
      return (
        `the history of ${subject} v${version} holds no data (written by an earlier orgwarden), and the ` +
        `subject has changed since`
      );
    data = current.data;
  }
  const { transition } = committed;
  const snapshot: Snapshot = { subject, kind, state: transition.to, version, observedAt: transition.at, data };
  return { planned: deps.plan({ type, snapshot, transition }) };
};
