import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as yamlText } from 'yaml';
import { loadPolicy } from '../../shared/config/policy';
import { ConfigurationError } from '../../shared/domain/errors';
import { policyProblems } from '../../shared/domain/policy/policy';
import { withPolicyFile } from '../../shared/local/cli/inputs';
import { UsageError } from '../../shared/local/cli/errors';
import { fileKinds } from '../../shared/local/cli/file-kinds';
import { readInputFile } from '../../shared/local/cli/inputs';
import { findTooDeep } from '../../shared/local/scenario/json-depth';
import { projectRoot } from '../../shared/local/template';
import { mutatedDocuments } from './support/document-mutations';
import { fuzzRuns, fuzzSeed } from './support/fuzz-stack';
import { injection } from './support/hostile-values';

const policyRuns = 10_000;
const fileRuns = 300;

const describeThrown = (error: unknown): string =>
  error instanceof Error
    ? `${error.name}: ${error.message.slice(0, 300)}`
    : `a thrown ${typeof error}: ${String(error).slice(0, 300)}`;

/** JSON text of any value, written iteratively (JSON.stringify itself overflows near 10,000 levels). */
const jsonText = (value: unknown): string => {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string' && item.startsWith('\u0000raw:')) out.push(item.slice(5));
    else if (Array.isArray(item)) {
      stack.push('\u0000raw:]');
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i], ...(i > 0 ? ['\u0000raw:,'] : []));
      out.push('[');
    } else if (item && typeof item === 'object') {
      const entries = Object.entries(item);
      stack.push('\u0000raw:}');
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push(entries[i]![1], `\u0000raw:${JSON.stringify(entries[i]![0])}:`, ...(i > 0 ? ['\u0000raw:,'] : []));
      out.push('{');
    } else out.push(JSON.stringify(item) ?? 'null');
  }
  return out.join('');
};

/** Text-level damage: cut, prefixed, doubled, reversed bracket, injected bytes. */
const damagedText = (text: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.constantFrom('\ufeff', '\u0000', ']', '{"version":1}', ' '.repeat(10_000)).map((prefix) => `${prefix}${text}`),
    fc.constant(`${text}${text}`),
    fc
      .tuple(fc.nat({ max: text.length }), injection)
      .map(([n, bytes]) => `${text.slice(0, n)}${bytes}${text.slice(n)}`),
    fc.constant(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    fc.constant('{"version":1,"version":1,"__proto__":{"reactions":{"incidentCase":"enforce"}}}'),
  );

describe('the policy loaders (loadPolicy at cold start, orgwarden validate) under fuzzing', () => {
  const seeds: Array<{ name: string; document: unknown }> = [];
  let folder: string;
  beforeAll(async () => {
    seeds.push({
      name: 'default-policy.yaml',
      document: parseYaml(await readFile(join(projectRoot, 'shared/config/default-policy.yaml'), 'utf8')) as unknown,
    });
    const scenarios = join(projectRoot, 'events', 'scenarios');
    for (const file of (await readdir(scenarios)).filter((name) => name.endsWith('.json'))) {
      // A policy named by path (the first rehearsal's) is read from its file, as the CLI reads it.
      const scenario = await withPolicyFile(
        JSON.parse(await readFile(join(scenarios, file), 'utf8')),
        join(scenarios, file),
      );
      const policy = (scenario as { policy?: unknown }).policy;
      if (policy) seeds.push({ name: `${file} policy`, document: policy });
    }
    folder = await mkdtemp(join(tmpdir(), 'orgwarden-fuzz-policy-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it(`loads ${policyRuns.toLocaleString('en-US')} mutated real policies (as ORGWARDEN_POLICY JSON) as a valid policy or refuses them with ConfigurationError, nothing else`, () => {
    // Prepare
    for (const seed of seeds) expect(policyProblems(seed.document), seed.name).toEqual([]);
    const outcomes = { loaded: 0, refused: 0 };
    const started = Date.now();
    const texts = fc.oneof(
      { weight: 4, arbitrary: mutatedDocuments(seeds).map(({ document }) => jsonText(document)) },
      {
        weight: 1,
        arbitrary: fc
          .nat({ max: seeds.length - 1 })
          .chain((index) => damagedText(JSON.stringify(seeds[index]!.document))),
      },
    );
    // Act and Assess
    fc.assert(
      fc.property(texts, (raw) => {
        let policy: unknown;
        try {
          policy = loadPolicy(raw);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) expect.fail(`threw ${describeThrown(error)}`);
          outcomes.refused++;
          return;
        }
        // What a function runs under is itself a valid policy.
        expect(policyProblems(policy)).toEqual([]);
        outcomes.loaded++;
      }),
      { numRuns: fuzzRuns(policyRuns), ...fuzzSeed() },
    );
    console.log(
      `fuzz policy loader: ${outcomes.loaded + outcomes.refused} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (${seeds.length} policies): ${outcomes.refused} refused with ConfigurationError, ${outcomes.loaded} loaded`,
    );
  }, 300_000);

  it(`validates ${fileRuns} mutated policy files (YAML and JSON, alias bombs included) with a line per problem, or refuses to read them (UsageError), nothing else`, async () => {
    // Prepare
    const policyKind = fileKinds.find((kind) => kind.name === 'policy')!;
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
      'version: 1',
    ].join('\n');
    const files = fc.oneof(
      // The yaml package writes recursively: a document nested thousands deep is written as JSON.
      {
        weight: 4,
        arbitrary: fc
          .tuple(mutatedDocuments(seeds), fc.boolean())
          .map(([{ document }, yaml]) =>
            yaml && !findTooDeep(document, 500)
              ? { yaml, text: yamlText(document, { aliasDuplicateObjects: false }) }
              : { yaml: false, text: jsonText(document) },
          ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          { yaml: true, text: bomb },
          { yaml: true, text: 'base: &b { version: 1 }\n<<: *b' },
          { yaml: true, text: '&a [*a]' },
          { yaml: true, text: 'version: 1\nversion: 2' },
        ),
      },
    );
    let read = 0;
    let unreadable = 0;
    // Act and Assess
    await fc.assert(
      fc.asyncProperty(files, async ({ yaml, text }) => {
        const file = join(folder, `policy-${read + unreadable}.${yaml ? 'yaml' : 'json'}`);
        await writeFile(file, text);
        let json: unknown;
        try {
          json = await readInputFile(file, 'file');
        } catch (error) {
          if (!(error instanceof UsageError)) expect.fail(`reading threw ${describeThrown(error)}`);
          unreadable++;
          return;
        }
        try {
          const { problems } = policyKind.check(json, file);
          for (const problem of problems) expect(problem.length, problem.slice(0, 300)).toBeLessThanOrEqual(2_000);
        } catch (error) {
          expect.fail(`checking threw ${describeThrown(error)}`);
        }
        read++;
      }),
      { numRuns: fuzzRuns(fileRuns), ...fuzzSeed() },
    );
    console.log(
      `fuzz policy files (orgwarden validate): ${read + unreadable} files, ${unreadable} refused as unreadable (UsageError), ${read} checked`,
    );
  }, 300_000);

  it('names an unknown key without echoing it whole (found by fuzzing: a key of 10,000 characters in the cold-start error)', () => {
    expect(policyProblems({ version: 1, ['k'.repeat(10_000)]: true })).toEqual([
      `(policy): Unrecognized key: "${'k'.repeat(57)}…"`,
    ]);
    expect(() => loadPolicy(JSON.stringify({ version: 1, ['k'.repeat(10_000)]: true }))).toThrow(
      /^invalid policy: \(policy\): Unrecognized key: "k{57}…"$/,
    );
  });
});
