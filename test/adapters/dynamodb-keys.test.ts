import { describe, expect, it } from 'vitest';
import { dueShards, keys, leadingKeysOf } from '../../shared/adapters/dynamodb/table';

// The DynamoDB keys and partitions are built in shared/adapters/dynamodb/table.ts only; the port speaks of
// due slices (a day and a shard), never of partition strings.

describe('the due index, slice by slice', () => {
  it('puts every item due at a time in the partition of one of the slices of its day', () => {
    // Prepare
    const dueAt = '2026-11-01T23:59:59.999Z';
    const slices = keys.dueSlices('2026-10-31', dueAt);

    // Act
    const partitions = ['SUBJECT#handshake:h-0123456789', 'LEDGER#handshake:h-0123456789#v3#publish'].map((pk) =>
      keys.duePk(pk, dueAt),
    );

    // Assess: the stored partition is `DUE#<day>#<shard>`, as before the slices.
    expect(slices).toHaveLength(2 * dueShards);
    expect(slices[0]).toEqual({ day: '2026-10-31', shard: 0 });
    for (const partition of partitions) {
      expect(partition).toMatch(/^DUE#2026-11-01#[0-7]$/);
      expect(slices.filter((slice) => slice.day === '2026-11-01').map(keys.duePartition)).toContain(partition);
    }
  });
});

describe('the subjects index and the leading keys', () => {
  it('take the kind of a subject whose id holds `:` up to its first `:`', () => {
    // Act
    const partition = keys.kindPk('macie-member:eu-west-1:222222222222');

    // Assess
    expect(keys.kindPartitions('macie-member')).toContain(partition);
    expect(leadingKeysOf({ kinds: ['macie-member'] })).toEqual([
      'SUBJECT#macie-member:*',
      'LEDGER#macie-member:*',
      'EVENT#*',
    ]);
  });
});
