import { describe, expect, inject, it } from 'vitest';
import { auditFigures } from '../bench/audit';

// Issue 9: an organization of 10,000 accounts audits to completion (continuations included), its
// listing calls within 5% of the pagination minimum. The benchmark prints the same runs' times.
describe('the audit of an organization of 10,000 accounts', () => {
  it('completes the import, an unchanged run and a run with 1% new accounts, each within 5% of the pagination minimum', async () => {
    // Act
    const figures = await auditFigures(10_000, inject('dynamoEndpoint'));
    // Assess
    expect(figures.map((f) => f.run)).toEqual(['import', 'unchanged', 'changed']);
    for (const figure of figures) {
      expect(figure.state, figure.run).toBe('COMPLETE');
      expect(figure.listingCalls, figure.run).toBeLessThanOrEqual(Math.ceil(figure.minimum * 1.05));
    }
    // The unchanged run writes only its run record (its progress record started and completed, its
    // report's transaction and settlement); the import records every account and its placement.
    expect(figures[1]!.dynamoWrites).toBe(4);
    expect(figures[0]!.findings).toBe(20_000);
  }, 900_000);
});
