import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../shared/local/report';
import type { RunReport } from '../../shared/local/scenario/report';
import { HOSTILE, richInput } from './rich-input';

const runOf = (): RunReport => {
  const input = richInput();
  return {
    snapshots: input.snapshots,
    history: input.history,
    emitted: input.emitted ?? [],
    apiCalls: [],
    deadLetters: input.deadLetters ?? [],
    failures: input.failures ?? [],
  };
};

describe("the end of `orgwarden local`'s timeline", () => {
  it('ends with the findings, each with its parties and reasons, a legend of the marks and what to run next', () => {
    // Act
    const text = formatRunSummary(runOf(), 'a run');
    const after = text.slice(text.indexOf('\nfindings: '));

    // Assess
    expect(after).toContain('findings: 8 need attention\n  untrusted parties (1):\n');
    expect(after).toContain(`email evil\u202e@<b>x</b>.example: invitation sent (enforce), ${HOSTILE} OPEN -> now`);
    expect(after).toContain('FAILED cancel-handshake on h-x: CancelHandshake: AccessDeniedException: <i>denied</i>');
    expect(after).toContain(
      '  coverage gaps (1):\n    2026-11-05T00:00:00Z  account 333333333333 (sandbox · sandbox@example.com) joined into r-abcd: Unassociated (notify), now Unassociated',
    );
    expect(after).toMatch(
      / {2}deadlines \(2\):\n {4}2026-11-17T09:00:00Z {2}in 5 d: expiry of handshake:h-open1, now OPEN; warned 7d\n/,
    );
    expect(after).toContain(
      "end of transfer:rt-1, now ACTIVE; warned not yet; account 777777777777's organization pays",
    );
    expect(after).toContain(
      '  unrecognized values (1):\n    2026-11-02T09:00:00Z  handshake.state = FROZEN<script> (handshake:h-nodate)',
    );
    expect(after).toContain(
      '  dead letters and failed steps (2):\n    failed step: steps.1 222222222222 organizations:AcceptHandshake',
    );
    expect(after).toContain('\nlegend: ');
    expect(after).toContain('  <-         orgwarden published an event on its bus');
    expect(after).toContain(`orgwarden state ${HOSTILE}`);
    expect(after).toContain('orgwarden report --html report.html');
  });

  it('counts many snapshots by kind and state instead of listing each', () => {
    // Prepare
    const run = runOf();
    const many = Array.from({ length: 400 }, (_, i) => ({
      subject: `account:${String(100000000000 + i)}`,
      state: 'JOINED',
      version: 1,
      observedAt: '2026-11-02T10:00:00.000Z',
      data: {},
    }));

    // Act
    const text = formatRunSummary({ ...run, snapshots: [...run.snapshots, ...many] }, 'many');

    // Assess
    expect(text).toContain('snapshots (407), counted by kind and state (`orgwarden state <kind>:` lists them):');
    expect(text).toMatch(/\n {2}account +JOINED +401\n/);
    expect(text).not.toContain('account:100000000399');
  });
});
