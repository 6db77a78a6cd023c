import { UnauthorizedEffectError } from '../../domain/errors';
import { coverageType, type CoverageData } from '../../domain/subjects/coverage';
import type { Clock } from '../../ports/clock';
import type { StateStore } from '../../ports/state-store';
import { observeSubjects } from '../pipeline/observe-subjects';
import { register, subjectRegistry } from '../pipeline/read-subjects';

/** Records what a coverage check read of an account (see {@link recordCoverage}). */
export type RecordCoverage = (checkId: string, coverage: CoverageData, remainingMs: number) => Promise<void>;

/** How long a recording may hold its (never claimed) effects: it plans none. */
const noEffects = () => [];

/**
 * The coverage a check read (an account that joined or moved, or one the audit found uncovered),
 * recorded as the account's `coverage:<account>` subject, through the pipeline but planning nothing:
 * the check itself is the reaction. So the audit, which compares the coverage it reads with this
 * subject, does not report again a gap an event's check reported (a move announced by its event, then
 * seen by the next audit, is one report, not two). Its cause is the check's ledger id: a retried
 * check records once.
 */
export const recordCoverage = (deps: { readonly store: StateStore; readonly clock: Clock }): RecordCoverage => {
  const observe = observeSubjects({
    store: deps.store,
    clock: deps.clock,
    // Recorded from the reading in hand, never re-read through this registry.
    subjects: subjectRegistry(register(coverageType, () => Promise.resolve(undefined))),
    executors: {},
    plan: noEffects,
    // It plans no effect: an entry of the coverage subject found pending is left to the functions that run it.
    authority: {
      authorize: (entries) =>
        Promise.resolve(
          entries.map((entry) => ({
            refused: new UnauthorizedEffectError(`${entry.id}: recording a coverage check runs no effect`),
          })),
        ),
    },
  });
  return async (checkId, coverage, remainingMs) => {
    await observe({
      cause: { eventId: `coverage-check:${checkId}`, eventName: 'CheckCoverage', source: 'orgwarden.coverage' },
      subjects: [],
      discover: () => Promise.resolve([{ ref: { kind: coverageType.kind, id: coverage.id }, data: coverage }]),
      remainingMs,
      remember: false,
    });
  };
};
