import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/domain/ledger';
import { checkInvariants } from './invariants';
import type { Observation } from './observe';

/** A run of a tiny world: one invitation cancelled under enforce, announced, journaled. */
const run = (overrides: Partial<Observation> = {}, id = 'h-aaaaaaaaaa'): Observation => ({
  faults: false,
  world: [{ step: 0, action: 'invite', outcome: 'ok' }],
  aliases: new Map([[id, 'H-inv1']]),
  snapshots: [
    {
      subject: `handshake:${id}`,
      kind: 'handshake',
      state: 'CANCELED',
      version: 2,
      observedAt: '2026-11-27T08:30:00.000Z',
      data: { id, state: 'CANCELED' },
    },
  ],
  history: [
    {
      subject: `handshake:${id}`,
      from: null,
      to: 'OPEN',
      at: '2026-11-27T08:30:00.000Z',
      version: 1,
      cause: { eventId: 'e-1', eventName: 'InviteAccountToOrganization', source: 'aws.organizations' },
    },
    {
      subject: `handshake:${id}`,
      from: 'OPEN',
      to: 'CANCELED',
      at: '2026-11-27T08:31:00.000Z',
      version: 2,
      cause: { eventId: 'e-2', eventName: 'CancelHandshake', source: 'aws.organizations' },
    },
  ],
  ledger: [
    {
      id: `handshake:${id}#v1#cancel-handshake`,
      subject: `handshake:${id}`,
      version: 1,
      action: 'cancel-handshake',
      payload: {},
      status: 'done',
      leaseUntil: '',
      attempts: 1,
      createdAt: '',
    },
    {
      id: `handshake:${id}#v1#publish`,
      subject: `handshake:${id}`,
      version: 1,
      action: 'publish',
      payload: { detail: { key: `handshake:${id}@v1` } },
      status: 'done',
      leaseUntil: '',
      attempts: 1,
      createdAt: '',
    },
    {
      id: `handshake:${id}#v2#publish`,
      subject: `handshake:${id}`,
      version: 2,
      action: 'publish',
      payload: { detail: { key: `handshake:${id}@v2` } },
      status: 'done',
      leaseUntil: '',
      attempts: 1,
      createdAt: '',
    },
  ] as LedgerEntry[],
  emitted: [
    {
      bus: 'orgwarden-local',
      id: 'p-1',
      source: 'orgwarden',
      'detail-type': 'Handshake State Changed',
      time: '',
      detail: { key: `handshake:${id}@v1`, before: null, after: 'OPEN' },
    },
    {
      bus: 'orgwarden-local',
      id: 'p-2',
      source: 'orgwarden',
      'detail-type': 'Reaction Executed',
      time: '',
      detail: { key: `handshake:${id}#v1#cancel-handshake`, action: 'cancel-handshake', outcome: 'executed' },
    },
    {
      bus: 'orgwarden-local',
      id: 'p-3',
      source: 'orgwarden',
      'detail-type': 'Handshake State Changed',
      time: '',
      detail: { key: `handshake:${id}@v2`, before: 'OPEN', after: 'CANCELED' },
    },
  ],
  applied: [{ operation: 'CancelHandshake', target: id }],
  deadLetters: [],
  unaccounted: [],
  healFailures: [],
  leftOver: [],
  injected: {},
  lost: [],
  invocations: 3,
  forged: [],
  forgedContinuations: [],
  ...overrides,
});

describe('the invariant checker', () => {
  it('finds nothing between a run and itself, nor between runs whose ids differ but whose world is the same', () => {
    // Prepare: the second run's emulator drew another handshake id for the same invitation.
    const twin = run();
    const faulty = run({ faults: true }, 'h-bbbbbbbbbb');
    // Act / Assess
    expect(checkInvariants(run(), twin)).toEqual([]);
    expect(checkInvariants(faulty, twin)).toEqual([]);
  });

  it('finds an effect done twice, a snapshot that differs, a ledger entry left claimed and an announcement missing', () => {
    // Prepare
    const twin = run();
    const base = run({ faults: true });
    const faulty = run({
      faults: true,
      applied: [...base.applied, { operation: 'CancelHandshake', target: 'h-aaaaaaaaaa' }],
      snapshots: [{ ...base.snapshots[0]!, state: 'OPEN' }],
      ledger: base.ledger.map((entry, i) => (i === 0 ? { ...entry, status: 'claimed' as const } : entry)),
      emitted: base.emitted.filter((event) => event.id !== 'p-2'),
    });
    // Act
    const found = checkInvariants(faulty, twin).map((violation) => violation.invariant);
    // Assess
    expect(found).toEqual(expect.arrayContaining(['effects', 'snapshots', 'ledger', 'publications']));
  });

  it('lets faults hide a state that lasted minutes, but not one that lasted longer, nor invent one', () => {
    // Prepare: the fault-free run saw OPEN for one minute; under faults only CANCELED was seen.
    const twin = run();
    const hidden = run({ faults: true, history: [{ ...run().history[1]!, from: null, version: 1 }] });
    const longer = run({ history: [run().history[0]!, { ...run().history[1]!, at: '2026-11-27T10:30:00.000Z' }] });
    const invented = run({
      faults: true,
      history: [...run().history, { ...run().history[1]!, from: 'CANCELED', to: 'OPEN', version: 3 }],
    });
    // Act / Assess
    expect(checkInvariants(hidden, twin).filter((v) => v.invariant === 'history')).toEqual([]);
    expect(checkInvariants({ ...hidden, ledger: [] }, longer).map((v) => v.invariant)).toContain('history');
    expect(checkInvariants(invented, twin).map((v) => v.invariant)).toContain('history');
  });

  it('accepts a deadline warning only under faults when the fault-free run ended the warned state within minutes, not when it held it longer', () => {
    // Prepare: faults delayed orgwarden's cancellation past a sweep, which warned of the deadline.
    const warning = {
      bus: 'orgwarden-local',
      id: 'p-4',
      source: 'orgwarden',
      'detail-type': 'Handshake Expiring',
      time: '',
      detail: {
        key: 'handshake:h-aaaaaaaaaa#expiry@2026-12-11T08:30:00.000Z#14d',
        subject: 'handshake:h-aaaaaaaaaa',
        deadline: 'expiry',
        leadTime: '14d',
      },
    };
    const faulty = run({ faults: true, emitted: [...run().emitted, warning] });
    // The fault-free run held OPEN for two hours: a warning it never sent is one too many.
    const held = run({ history: [run().history[0]!, { ...run().history[1]!, at: '2026-11-27T10:30:00.000Z' }] });
    // Act / Assess
    expect(checkInvariants(faulty, run())).toEqual([]);
    expect(checkInvariants({ ...faulty, history: held.history }, held).map((v) => v.invariant)).toContain(
      'publications',
    );
  });

  it('finds an event neither processed nor dead-lettered, and a recovery that failed with faults off', () => {
    const faulty = run({
      faults: true,
      unaccounted: ['handshake-changed e-9 (InviteAccountToOrganization): no processed mark'],
      healFailures: ['step0: audit failed with faults off'],
    });
    expect(checkInvariants(faulty, run()).map((v) => v.invariant)).toEqual(['processed', 'recovery']);
  });

  it('holds a forged ledger entry to its refusal: failed as UnauthorizedEffectError and announced, its announcement not compared with the world', () => {
    // Prepare: an attacker's cancel, refused and announced; another carried out; a third refused in silence.
    const forged = 'handshake:h-aaaaaaaaaa#v1#cancel-handshake:forged-1';
    const entry = (id: string, status: 'failed' | 'done', failure?: string): LedgerEntry => ({
      id,
      subject: 'handshake:h-aaaaaaaaaa',
      version: 1,
      action: 'cancel-handshake',
      payload: {},
      status,
      leaseUntil: '',
      attempts: 1,
      createdAt: '',
      ...(failure ? { failure: { name: failure, message: 'refused' } } : {}),
    });
    const refusal = (key: string) => ({
      bus: 'orgwarden-local',
      id: `r-${key}`,
      source: 'orgwarden',
      'detail-type': 'Reaction Failed',
      time: '',
      detail: { key, action: 'cancel-handshake', outcome: 'failed' },
    });
    const base = run({ faults: true });
    const refused = run({
      faults: true,
      forged: [forged],
      ledger: [...base.ledger, entry(forged, 'failed', 'UnauthorizedEffectError')],
      emitted: [...base.emitted, refusal(forged)],
    });
    const ran = run({
      faults: true,
      forged: [forged],
      ledger: [...base.ledger, entry(forged, 'done')],
      emitted: [...base.emitted, refusal(forged)],
    });
    const silent = run({
      faults: true,
      forged: [forged],
      ledger: [...base.ledger, entry(forged, 'failed', 'UnauthorizedEffectError')],
    });
    // Act / Assess
    expect(checkInvariants(refused, run())).toEqual([]);
    expect(checkInvariants(ran, run()).map((v) => v.invariant)).toEqual(['forgeries']);
    expect(checkInvariants(silent, run()).map((v) => v.detail)).toEqual([
      expect.stringContaining('its refusal was never announced'),
    ]);
  });
});
