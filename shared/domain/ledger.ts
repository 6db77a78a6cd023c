/**
 * Every side effect is recorded in the ledger under an id derived from what causes it (the subject,
 * the version its transition produced, the effect's key), written before the effect and completed
 * after it, so that duplicates, retries, replays and crashes never repeat it.
 */
export type LedgerStatus = 'claimed' | 'done' | 'failed';

/** An effect the pipeline decided on: what to do, under which key, with what. */
export interface PlannedEffect<P = unknown> {
  /** The executor that carries it out (`publish`, `cancel-handshake`, …). */
  readonly action: string;
  /** Unique among the effects of one subject version; defaults to the action. */
  readonly key?: string;
  readonly payload: P;
}

export interface LedgerEntry<P = unknown> {
  readonly id: string;
  readonly subject: string;
  readonly version: number;
  readonly action: string;
  readonly payload: P;
  readonly status: LedgerStatus;
  /** Until then the invocation that claimed the entry owns it; afterwards another may take over. */
  readonly leaseUntil: string;
  /** How many times an invocation claimed it (1 at creation). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly completedAt?: string;
  /** Why AWS refused it for good (status `failed`). */
  readonly failure?: { readonly name: string; readonly message: string };
}

/**
 * The id of a ledger entry: `<subject>#v<version>#<key>`, where a key is `<action>[:<suffix>]` (its
 * action, then what tells apart two effects of one action for one version). Built and parsed here only.
 */
export const ledgerId = (subject: string, version: number, key: string): string => `${subject}#v${version}#${key}`;

/** The parts of a ledger id. */
export interface LedgerIdParts {
  readonly subject: string;
  readonly version: number;
  /** `<action>[:<suffix>]`. */
  readonly key: string;
  readonly action: string;
  /** What follows the key's first `:` (absent: the key is its action alone). */
  readonly suffix?: string;
}

// A key holds no `#` (the last `#` ends the version); a subject may hold any (a value AWS reported).
const ledgerIdPattern = /^(.*)#v(\d+)#([^#]+)$/s;

/**
 * The parts of a ledger id; undefined when `ledgerId` cannot have built it (an id read back from the
 * table proves nothing: any role of the stack may write there).
 */
export const parseLedgerId = (id: string): LedgerIdParts | undefined => {
  const match = ledgerIdPattern.exec(id);
  if (!match) return undefined;
  const [, subject = '', digits = '', key = ''] = match;
  const version = Number(digits);
  // One spelling per version (`v01` is not `v1`): what parses is what `ledgerId` builds.
  if (!Number.isSafeInteger(version) || ledgerId(subject, version, key) !== id) return undefined;
  const colon = key.indexOf(':');
  if (colon === -1) return { subject, version, key, action: key };
  return { subject, version, key, action: key.slice(0, colon), suffix: key.slice(colon + 1) };
};

/** The key's part after its action (`check-coverage:e-1` → `:e-1`; none: `''`), for the keys of follow-ups. */
export const keySuffixOfId = (id: string): string => {
  const suffix = parseLedgerId(id)?.suffix;
  return suffix === undefined ? '' : `:${suffix}`;
};

/**
 * What an id names as its key (after its last `#`), even when the rest is not an id `ledgerId` builds:
 * the refusal of an entry read back from the table names it, whatever it holds.
 */
export const namedKeyOf = (id: string): string => id.slice(id.lastIndexOf('#') + 1);

/** A new entry for a planned effect, claimed by the invocation that commits it. */
export const ledgerEntryOf = <P>(
  subject: string,
  version: number,
  effect: PlannedEffect<P>,
  now: Date,
  leaseUntil: string,
): LedgerEntry<P> => ({
  id: ledgerId(subject, version, effect.key ?? effect.action),
  subject,
  version,
  action: effect.action,
  payload: effect.payload,
  status: 'claimed',
  leaseUntil,
  attempts: 1,
  createdAt: now.toISOString(),
});

/**
 * How long an invocation owns the effects it claims: the time it has left (the Lambda context's
 * remaining time, as Powertools' idempotency layer takes it), never less than a floor that covers
 * one AWS call, and never more than the longest a function may run.
 */
export const leaseFor = (now: Date, remainingMs: number): string =>
  new Date(now.getTime() + Math.min(Math.max(remainingMs, 5_000), 900_000)).toISOString();

/**
 * After an effect failed for a reason a retry may cure, from when another attempt may take it
 * over: at once after the first failure (Lambda's own retry comes a minute later and must find it
 * free), then 1, 2, 4 … minutes after each further attempt, at most an hour, so that one failing
 * effect never holds up the sweep.
 */
export const retryDelayMs = (attempts: number): number =>
  attempts <= 1 ? 0 : Math.min(60_000 * 2 ** (attempts - 2), 3_600_000);

/** A journal line: this cause was processed for this subject, with this outcome. */
export interface JournalEntry {
  readonly eventId: string;
  readonly subject: string;
  readonly outcome: 'changed' | 'refreshed' | 'unchanged' | 'stale';
  readonly processedAt: string;
  readonly eventName: string;
  readonly source: string;
  readonly ledgerIds: readonly string[];
  readonly replayName?: string;
}

/** The mark that a cause was processed to the end: a later delivery of it costs one read. */
export interface CauseRecord {
  readonly eventId: string;
  readonly eventName: string;
  readonly source: string;
  readonly processedAt: string;
  readonly outcomes: Readonly<Record<string, string>>;
  /** Why a subject was left unrecorded (`ignored`, `not-found`, `failed`), by subject. */
  readonly reasons?: Readonly<Record<string, string>>;
  readonly replayName?: string;
  /** The event itself (JSON, when small enough), for a replay from the journal. */
  readonly event?: string;
  /** The function that processed it (where a replay goes). */
  readonly functionName?: string;
}
