import type { LocalReport } from './report';

/**
 * The items of `after` that are not in `before`, as a multiset: an item that appears twice after
 * and once before is new once. Items are compared by their JSON, so order within a part (which a
 * sort by time may reshuffle for equal times) does not matter.
 */
const added = <T>(before: readonly T[], after: readonly T[]): T[] => {
  const counts = new Map<string, number>();
  for (const item of before) {
    const key = JSON.stringify(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return after.filter((item) => {
    const key = JSON.stringify(item);
    const left = counts.get(key) ?? 0;
    if (left === 0) return true;
    counts.set(key, left - 1);
    return false;
  });
};

/**
 * What changed between two readings of the same stack: the snapshots that are new or moved to
 * another version, and everything appended to the other parts. `invoke --scenario` reports this for
 * its one invocation, not what the scenario that set up the world did.
 */
export const diffReports = (before: LocalReport, after: LocalReport): LocalReport => {
  const versions = new Map(before.snapshots.map((snapshot) => [snapshot.subject, snapshot.version]));
  return {
    snapshots: after.snapshots.filter((snapshot) => versions.get(snapshot.subject) !== snapshot.version),
    history: added(before.history, after.history),
    emitted: added(before.emitted, after.emitted),
    apiCalls: added(before.apiCalls, after.apiCalls),
    deadLetters: added(before.deadLetters, after.deadLetters),
  };
};
