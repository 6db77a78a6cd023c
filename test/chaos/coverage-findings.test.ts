import { describe, expect, it } from 'vitest';
import type { ProxyFaults } from '../../shared/local/stack/counting-proxy';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { play } from './coverage-gap-play';

// Regression tests of chaos findings 6 and 7 (test/chaos/README.md, "Findings"), on the coverage-gap
// scenario. 6: a crash between a coverage check's UpdateMembership and the recording of its
// announcements lost them. The check now announces the gap and plans `cover-account` before any
// change is made; `cover-account` makes the one call. 7: an account moved between two places the
// membership does not cover, its MoveAccount record lost, was never checked again; where each
// account sits is now a subject (`placement:<account>`) the audit reads, and a move it finds plans
// the check the event would have.

describe('chaos finding 6: a crash after the OU is added loses no announcement', () => {
  it('announces the gap and the reaction when the invocation dies right after UpdateMembership', async () => {
    // Prepare: the move's cover-account adds the Sandbox OU, then its invocation dies writing the
    // outcome (every attempt of that request fails, as a crash would).
    let crashed = 0;
    const dynamodb: ProxyFaults = (request) =>
      request.operation === 'TransactWriteItems' &&
      request.body.includes('publish:outcome:cover-account') &&
      crashed < request.maxAttempts
        ? (crashed++, { fail: { status: 500, code: 'InternalServerError', message: 'crash (injected)' } })
        : undefined;
    // Act
    const played = await play({ dynamodb });
    // Assess: the crash happened; the OU was added once; both gaps were announced; the sweep's
    // retry of cover-account found the OU listed and said so (the fault-free run says `executed`).
    expect(crashed).toBeGreaterThan(0);
    expect(played.added).toHaveLength(1);
    expect([...new Set(played.gaps)]).toEqual(['joined', 'moved']);
    expect(played.outcomes).toEqual(['check-coverage failed', 'cover-account already-done']);
  }, 60_000);

  it('the same scenario without faults: the gap reported twice, the OU added once and announced as executed', async () => {
    const played = await play({});
    expect(played).toMatchObject({
      gaps: ['joined', 'moved'],
      outcomes: ['check-coverage failed', 'cover-account executed'],
    });
    expect(played.added).toHaveLength(1);
  }, 60_000);
});

describe('chaos finding 7: a move whose MoveAccount record was lost is found by the audit', () => {
  it('checks the account in its new OU as the event would have: the gap reported, the OU added once (enforce)', async () => {
    // Prepare: CloudTrail's best effort loses the MoveAccount record.
    const lost: string[] = [];
    const worldEvents = (event: BusEvent, deliver: (event: BusEvent) => void): void => {
      const name = (event.detail as { eventName?: string } | undefined)?.eventName;
      if (name === 'MoveAccount') lost.push(name);
      else deliver(event);
    };
    // Act
    const played = await play({ worldEvents });
    // Assess: the record was lost; hours and audits later, what the fault-free run says was said and done.
    expect(lost).toEqual(['MoveAccount']);
    expect(played).toMatchObject({
      gaps: ['joined', 'moved'],
      outcomes: ['check-coverage failed', 'cover-account executed'],
    });
    expect(played.added).toHaveLength(1);
  }, 60_000);
});
