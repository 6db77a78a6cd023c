import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { startStack } from '../support/stack';
import { scheduledAudit } from '../support/scheduled';

describe('an account the audit finds joined', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.organizations.seed({ members: 20 });
    await stack.runtime.invoke('audit', scheduledAudit('2026-11-02T10:00:00Z'));
    await stack.bus.settle();
  });
  afterAll(() => stack.stop());

  it('gets the coverage check its event would have given it, and the audit completes', async () => {
    // Prepare: accounts created with no event reaching orgwarden (the first import is the baseline).
    const [joined] = (await stack.organizations.seed({ members: 3 })).members;
    const mark = stack.apiCalls().length;
    // Act
    stack.clock.set(new Date('2026-11-02T11:00:00Z'));
    const report = (await stack.runtime.invoke('audit', scheduledAudit('2026-11-02T11:00:00Z'))) as AuditRunData;
    await stack.bus.settle();
    // Assess
    // Three accounts and where each sits (a placement first seen by the audit plans nothing: the JOINED change checks).
    expect(report).toMatchObject({ state: 'COMPLETE', findings: 3 + 3 });
    expect((await stack.store.getSnapshot(`account:${joined!}`))?.state).toBe('JOINED');
    // The coverage check ran for each (it looks for the organization's membership), besides the
    // audit's own membership listing (one page); none left pending.
    expect(
      stack
        .apiCalls()
        .slice(mark)
        .filter((call) => call.operation === 'ListMemberships'),
    ).toHaveLength(1 + 3);
    expect(await stack.store.earliestDue()).toBeUndefined();
    expect(stack.deadLetters).toEqual([]);
  });
});
