import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/domain/snapshot';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import type { StateStore, SubjectState } from '../../shared/ports/state-store';
import { writesMark } from '../../shared/use-cases/pipeline/observe-subjects';
import {
  commitChanges,
  planningOnly,
  type CommitReading,
  type SubjectCommit,
  reconcileReading,
} from '../../shared/use-cases/pipeline/commit-changes';
import type { PipelineDeps } from '../../shared/use-cases/pipeline/pipeline-model';
import { register, subjectRegistry } from '../../shared/use-cases/pipeline/read-subjects';
import type { Reading, SubjectReading } from '../../shared/use-cases/pipeline/read-subjects';
import { handshake, ManualClock } from '../support/fakes';

// The pipeline's steps (shared/use-cases/pipeline/), each alone: reconcile is pure, the dry run's commit
// writes nothing, the commit step reports every subject, and the processed mark is decided from the commits.

const cause = { eventId: 'e-1', eventName: 'CancelHandshake', source: 'aws.organizations' };
const subject = 'handshake:h-aaaaaaaaaa';

/** A store that fails the test on any call: the steps tested here read and write nothing. */
const untouchable = new Proxy({} as StateStore, {
  get: (_target, name) => () => {
    throw new Error(`the store was called: ${String(name)}`);
  },
});

const deps: PipelineDeps = {
  store: untouchable,
  clock: new ManualClock(new Date('2026-11-02T10:00:00Z')),
  subjects: subjectRegistry(register(handshakeType, () => Promise.resolve(undefined))),
  executors: {},
};

const readingOf = (state: 'OPEN' | 'CANCELED', observedAt: string, readAfterStored = true): Reading => ({
  observation: { subject, kind: 'handshake', state, observedAt, data: { ...handshake('h-aaaaaaaaaa', state) } },
  readAfterStored,
});

const stored: Snapshot = { ...readingOf('OPEN', '2026-11-02T10:00:00.000Z').observation, version: 1 };

describe('reconcile', () => {
  it('plans the announcement of a change, with its transition and next version', () => {
    // Act
    const result = reconcileReading(deps, undefined, readingOf('CANCELED', '2026-11-02T10:05:00.000Z'), stored, cause);

    // Assess
    expect(result).toMatchObject({
      outcome: 'changed',
      snapshot: { version: 2, state: 'CANCELED' },
      transition: { from: 'OPEN', to: 'CANCELED' },
    });
    expect('effects' in result && result.effects.map((effect) => effect.key ?? effect.action)).toEqual(['publish']);
  });

  it('asks for a reading stamped before the stored snapshot, not read after it, to be read again', () => {
    // Act
    const result = reconcileReading(
      deps,
      undefined,
      readingOf('CANCELED', '2026-11-02T09:59:00.000Z', false),
      stored,
      cause,
    );

    // Assess
    expect(result).toEqual({ outcome: 'older' });
  });

  it('finds nothing to do for the same state', () => {
    // Act
    const result = reconcileReading(deps, undefined, readingOf('OPEN', '2026-11-02T10:05:00.000Z'), stored, cause);

    // Assess
    expect(result).toEqual({ outcome: 'unchanged' });
  });
});

describe('commit, as a dry run', () => {
  it('says what it would record and do, and touches no store', async () => {
    // Prepare
    const commit = planningOnly(deps, { cause });

    // Act
    const result = await commit(
      readingOf('CANCELED', '2026-11-02T10:05:00.000Z'),
      { snapshot: stored, pending: ['p-1'] },
      true,
    );

    // Assess
    expect(result).toEqual({
      subject,
      outcome: 'changed',
      claimed: [],
      takeOver: [],
      planned: { subject, outcome: 'changed', from: 'OPEN', to: 'CANCELED', effects: ['publish'] },
    });
  });
});

describe('commit, subject by subject', () => {
  it('reports what it does not commit, takes over their unfinished entries, commits each reading in turn', async () => {
    // Prepare
    const states = new Map<string, SubjectState>([
      [
        'handshake:h-before0000',
        {
          pending: ['b#v1#publish'],
          journal: {
            eventId: 'e-1',
            subject: 'handshake:h-before0000',
            outcome: 'changed',
            processedAt: '',
            eventName: '',
            source: '',
            ledgerIds: [],
          },
        },
      ],
      ['handshake:h-same000000', { pending: ['s#v1#publish'] }],
      ['handshake:h-flaky00000', { pending: [] }],
      [subject, { snapshot: stored, pending: [] }],
    ]);
    const throttled = new Error('throttled');
    const readings = new Map<string, SubjectReading>([
      ['handshake:h-same000000', { unchanged: true }],
      ['handshake:h-flaky00000', { unread: { outcome: 'failed', reason: 'could not be read' }, transient: throttled }],
      [subject, { reading: readingOf('CANCELED', '2026-11-02T10:05:00.000Z') }],
    ]);
    const committed: string[] = [];
    const commit: CommitReading = (reading, _state, reread) => {
      committed.push(`${reading.observation.subject} ${reread}`);
      return Promise.resolve({ subject: reading.observation.subject, outcome: 'changed', claimed: [], takeOver: [] });
    };

    // Act
    const commits = await commitChanges({ states, readings, reread: new Set([subject]) }, commit);

    // Assess
    expect(commits).toEqual([
      { subject: 'handshake:h-before0000', outcome: 'committed-before', claimed: [], takeOver: ['b#v1#publish'] },
      { subject: 'handshake:h-same000000', outcome: 'unchanged', claimed: [], takeOver: ['s#v1#publish'] },
      {
        subject: 'handshake:h-flaky00000',
        outcome: 'failed',
        reason: 'could not be read',
        claimed: [],
        takeOver: [],
        transient: throttled,
      },
      { subject, outcome: 'changed', claimed: [], takeOver: [] },
    ]);
    expect(committed).toEqual([`${subject} true`]);
  });
});

describe('the processed mark', () => {
  const commitOf = (outcome: SubjectCommit['outcome'], extra: Partial<SubjectCommit> = {}): SubjectCommit => ({
    subject,
    outcome,
    claimed: [],
    takeOver: [],
    ...extra,
  });

  it.each([
    ['a change committed', [commitOf('changed')], {}, true],
    ['nothing changed', [commitOf('unchanged')], {}, true],
    ['a race lost, nothing committed (the winner marks it)', [commitOf('duplicate')], {}, false],
    ['a race lost for one subject, another committed', [commitOf('duplicate'), commitOf('refreshed')], {}, true],
    [
      'a subject to read again',
      [commitOf('changed'), commitOf('failed', { transient: new Error('throttled') })],
      {},
      false,
    ],
    ['an audit run', [commitOf('changed')], { remember: false }, false],
  ])('after %s: %s', (_why, commits, request, expected) => {
    // Act
    const marks = writesMark(request, commits);

    // Assess
    expect(marks).toBe(expected);
  });
});
