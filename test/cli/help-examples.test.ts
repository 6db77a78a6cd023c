import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { orgwardenInProcess, stateDir } from './harness';

const saved = { ...process.env };
beforeAll(() => {
  // The examples run on the run's DynamoDB Local (ORGWARDEN_DYNAMODB_ENDPOINT), each on a stack of its own.
  process.env.ORGWARDEN_DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
  process.env.ORGWARDEN_STATE_DIR = stateDir();
});
afterAll(() => {
  process.env = saved;
});

/** The `$ orgwarden …` lines of a command's help that run as written: no placeholder, no redirection, no AWS. */
const examplesOf = async (command: string): Promise<string[][]> => {
  const { stdout } = await orgwardenInProcess(command, '--help');
  return stdout
    .split('\n')
    .flatMap((line) => /^ {2}\$ orgwarden (.+)$/.exec(line)?.[1] ?? [])
    .filter((line) => !/[<>]|my-|--table/.test(line))
    .map((line) => line.split(' '));
};

describe("the help's examples do what they say", () => {
  it.each(['invoke', 'replay'])('orgwarden %s --help: every example exits 0', { timeout: 240_000 }, async (command) => {
    // Prepare
    const examples = await examplesOf(command);
    expect(examples.length).toBeGreaterThan(1);

    // Act
    const outcomes = [];
    for (const args of examples) {
      const { code, stderr } = await orgwardenInProcess(...args, '--log-level', 'SILENT');
      outcomes.push({ example: args.join(' '), code, stderr: code === 0 ? '' : stderr });
    }

    // Assess
    expect(outcomes).toEqual(examples.map((args) => ({ example: args.join(' '), code: 0, stderr: '' })));
  });
});
