import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withPolicyFile } from '../../shared/local/cli/inputs';
import { parseScenario, ScenarioError } from '../../shared/local/scenario/scenario';
import { projectRoot } from '../../shared/local/template';
import { mutatedDocuments } from './support/document-mutations';
import { fuzzRuns, fuzzSeed } from './support/fuzz-stack';

const scenarioRuns = 10_000;

/** What parseScenario threw for `document`, or undefined when it accepted it. */
const refusalOf = (document: unknown): unknown => {
  try {
    parseScenario(document);
  } catch (error) {
    return error;
  }
  return undefined;
};

const describeThrown = (error: unknown): string =>
  error instanceof Error
    ? `${error.name}: ${error.message.slice(0, 300)}`
    : `a thrown ${typeof error}: ${String(error).slice(0, 300)}`;

describe("the CLI's scenario loader (parseScenario) under fuzzing", () => {
  it(`answers ${scenarioRuns.toLocaleString('en-US')} mutated real scenarios with a scenario or a ScenarioError naming each problem, and nothing else`, async () => {
    // Prepare: every shipped scenario, as `orgwarden local --scenario` reads it
    const folder = join(projectRoot, 'events', 'scenarios');
    const seeds = await Promise.all(
      (await readdir(folder))
        .filter((file) => file.endsWith('.json'))
        .map(async (file) => ({
          name: file,
          // A policy named by path (the first rehearsal's) is read from its file, as the CLI reads it.
          document: await withPolicyFile(JSON.parse(await readFile(join(folder, file), 'utf8')), join(folder, file)),
        })),
    );
    for (const seed of seeds) expect(() => parseScenario(seed.document, seed.name)).not.toThrow();
    const outcomes = { accepted: 0, refused: 0 };
    const started = Date.now();
    // Act and Assess
    fc.assert(
      fc.property(mutatedDocuments(seeds), ({ document }) => {
        let scenario: unknown;
        try {
          scenario = parseScenario(document, 'fuzzed.json');
        } catch (error) {
          if (!(error instanceof ScenarioError)) expect.fail(`threw ${describeThrown(error)}`);
          expect(error.problems.length, error.message.slice(0, 300)).toBeGreaterThan(0);
          // Each problem is one line a person reads: its path and what was expected, never the hostile value whole.
          for (const problem of error.problems)
            expect(problem.length, problem.slice(0, 300)).toBeLessThanOrEqual(2_000);
          outcomes.refused++;
          return;
        }
        // Accepted: what the stack then plays is the parsed scenario, parsed again to the same.
        expect(parseScenario(scenario, 'again.json')).toEqual(scenario);
        outcomes.accepted++;
      }),
      { numRuns: fuzzRuns(scenarioRuns), ...fuzzSeed() },
    );
    console.log(
      `fuzz scenario loader: ${outcomes.accepted + outcomes.refused} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (${seeds.length} scenarios): ${outcomes.refused} refused with ScenarioError, ${outcomes.accepted} accepted`,
    );
  }, 300_000);

  it('names a timestamp that is not one without echoing the whole value (found by fuzzing: a 100,000-character line)', () => {
    // Prepare
    const scenario = {
      name: 'huge timestamp',
      start: '2026-11-02T09:00:00Z',
      steps: [
        {
          api: {
            service: 'organizations',
            operation: 'InviteOrganizationToTransferResponsibility',
            input: {
              Type: 'BILLING',
              Target: { Id: '222222222222', Type: 'ACCOUNT' },
              StartTimestamp: 's'.repeat(100_000),
              SourceName: 'x',
            },
          },
        },
      ],
    };
    // Act
    const refusal = refusalOf(scenario);
    // Assess
    expect(refusal).toBeInstanceOf(ScenarioError);
    expect((refusal as ScenarioError).problems).toEqual([
      expect.stringMatching(/^steps\.0\.api\.input\.StartTimestamp: expected a timestamp: .*, got "s{56}…$/),
    ]);
  });

  it('names an unknown key without echoing it whole (found by fuzzing: a key of 10,000 characters made a line as long)', () => {
    const refusal = refusalOf({
      name: 'x',
      start: '2026-11-02T09:00:00Z',
      steps: [{ advanceTo: '2026-11-03T00:00:00Z' }],
      ['k'.repeat(10_000)]: 1,
    });
    expect(refusal).toBeInstanceOf(ScenarioError);
    expect((refusal as ScenarioError).problems).toEqual([
      expect.stringMatching(/^\(root\): unknown key "k{57}…"; expected only /),
    ]);
  });
  it('cuts a long key in the path of a problem below it (found by fuzzing: an unknown key of 2,001 characters inside outsideAccounts)', () => {
    // Prepare: a key as long as a page, with a nesting too deep below it
    const key = 'K'.repeat(2_001);
    let deep: unknown = 1;
    for (let level = 0; level < 70; level++) deep = { level: deep };
    const scenario = {
      name: 'x',
      start: '2026-11-02T09:00:00Z',
      outsideAccounts: [{ [key]: deep }],
      steps: [{ advanceTo: '2026-11-03T00:00:00Z' }],
    };
    // Act
    const refusal = refusalOf(scenario);
    // Assess: the problem is still a line a person reads, and says how long the key was
    expect(refusal).toBeInstanceOf(ScenarioError);
    const problems = (refusal as ScenarioError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.length, problem.slice(0, 300)).toBeLessThanOrEqual(400);
    expect(problems.join('\n')).not.toContain('K'.repeat(61));
  });
  it('lists the keys of something that is not a step cut and counted (found by fuzzing: a step whose only key had 2,001 characters)', () => {
    const refusal = refusalOf({
      name: 'x',
      start: '2026-11-02T09:00:00Z',
      steps: [
        { ['K'.repeat(2_001)]: 1, ...Object.fromEntries(Array.from({ length: 1_000 }, (_, n) => [`key${n}`, n])) },
      ],
    });
    expect(refusal).toBeInstanceOf(ScenarioError);
    expect((refusal as ScenarioError).problems).toEqual([
      expect.stringMatching(/^steps\.0: not a step: .*; found "K{57}…", "key0", "key1", "key2", "key3" and 996 more$/),
    ]);
  });
});
