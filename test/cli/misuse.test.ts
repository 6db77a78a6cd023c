import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { functionsOf, loadTemplate } from '../../shared/local/template';
import { orgwarden, orgwardenInProcess, stateDir } from './harness';

const MISUSE = 2;

describe('orgwarden: every misuse names what was wrong and exits 2', () => {
  it.each([
    { args: ['frobnicate'], says: "unknown command 'frobnicate'" },
    { args: ['lcoal'], says: "unknown command 'lcoal'" },
    {
      args: ['local', '--scenario', 'events/scenarios/demo.json', '--bogus'],
      says: "orgwarden local: unknown option '--bogus'",
    },
    { args: ['local'], says: "orgwarden local: required option '-s, --scenario <file>' not specified" },
    {
      args: ['invoke', 'handshake-changed'],
      says: "orgwarden invoke: required option '-e, --event <file>' not specified",
    },
    { args: ['invoke', '--event', 'x.json'], says: "orgwarden invoke: missing required argument 'function'" },
    { args: ['history'], says: "orgwarden history: missing required argument 'subject'" },
    { args: ['report'], says: "orgwarden report: required option '--html <file>' not specified" },
    { args: ['validate'], says: "orgwarden validate: missing required argument 'files'" },
    { args: ['state', 'a', 'b'], says: "too many arguments for 'state'" },
  ])('$args.0 $args.1: $says', async ({ args, says }) => {
    // Act
    const { code, stderr, stdout } = await orgwardenInProcess(...args);
    // Assess
    expect(code).toBe(MISUSE);
    expect(stderr).toContain(says);
    expect(stdout).toBe('');
  });

  it('an option of another command is refused, naming the commands it belongs to', async () => {
    const { code, stderr } = await orgwardenInProcess(
      'local',
      '--scenario',
      'events/scenarios/demo.json',
      '--table',
      'x',
    );
    expect(code).toBe(MISUSE);
    expect(stderr).toContain(
      "orgwarden local: unknown option '--table' (--table belongs to `orgwarden state`, `orgwarden history`, `orgwarden report`, `orgwarden audit`)",
    );
    expect(stderr).toContain('run `orgwarden local --help` for usage');
  });

  it('a bad choice is refused with the choices listed', async () => {
    const level = await orgwardenInProcess('local', '--scenario', 'events/scenarios/demo.json', '--log-level', 'LOUD');
    expect(level.code).toBe(MISUSE);
    expect(level.stderr).toContain(
      "option '--log-level <level>' argument 'LOUD' is invalid. Allowed choices are DEBUG, INFO, WARN, ERROR, SILENT.",
    );

    const fn = await orgwardenInProcess(
      'invoke',
      'no-such-function',
      '--event',
      'events/organizations/cancel-handshake.json',
    );
    expect(fn.code).toBe(MISUSE);
    expect(fn.stderr).toContain(
      "value 'no-such-function' is invalid for argument 'function'. Allowed choices are handshake-changed",
    );

    const seed = await orgwardenInProcess('local', '--scenario', 'events/scenarios/demo.json', '--seed', 'abc');
    expect(seed.code).toBe(MISUSE);
    expect(seed.stderr).toContain("option '--seed <n>' argument 'abc' is invalid. Expected a whole number");
  });

  it('no command: the usage on stderr, exit 2', async () => {
    const { code, stderr } = await orgwardenInProcess();
    expect(code).toBe(MISUSE);
    expect(stderr).toContain('Usage: orgwarden');
    expect(stderr).toContain('a command is required');
  });

  it('an unreadable or invalid input file is named with what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgwarden-misuse-'));
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    const missing = await orgwardenInProcess('local', '--scenario', join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: MISUSE });
    expect(missing.stderr).toContain(
      `orgwarden local: cannot read the scenario ${join(dir, 'nope.json')}: no such file`,
    );
    const broken = await orgwardenInProcess('local', '--scenario', join(dir, 'broken.json'));
    expect(broken).toMatchObject({ code: MISUSE });
    expect(broken.stderr).toContain(`the scenario ${join(dir, 'broken.json')} is not valid JSON`);
  });
});

describe('orgwarden: help and version', () => {
  it("-h and --help show a command's options and examples, exit 0", async () => {
    const short = await orgwardenInProcess('local', '-h');
    const long = await orgwardenInProcess('local', '--help');
    expect(short).toEqual(long);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('Usage: orgwarden local [options]');
    expect(short.stdout).toContain('--log-level <level>');
    expect(short.stdout.replace(/\s+/g, ' ')).toContain(
      '(choices: "DEBUG", "INFO", "WARN", "ERROR", "SILENT", default: "WARN")',
    );
    expect(short.stdout).toContain('Examples:\n  $ orgwarden local --scenario events/scenarios/demo.json');
  });

  it("the global help lists the commands and the exit codes; invoke lists the packaged template's functions", async () => {
    const global = await orgwardenInProcess('--help');
    expect(global.code).toBe(0);
    for (const command of ['local', 'invoke', 'state', 'history', 'validate', 'report'])
      expect(global.stdout).toMatch(new RegExp(`\\n  ${command} `));
    expect(global.stdout).toContain('Exit codes:');
    const invoke = await orgwardenInProcess('help', 'invoke');
    // The CLI reads the names from serverless.yml (milliseconds); they must be the packaged template's.
    const packaged = functionsOf(loadTemplate(inject('templatePath'))).map((fn) => `"${fn.name}"`);
    expect(invoke.stdout.replace(/\s+/g, ' ')).toContain(`(choices: ${packaged.join(', ')})`);
  });

  it("--version prints package.json's version", async () => {
    const { code, stdout } = await orgwardenInProcess('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('orgwarden state / history / report before any run, and against a table without region or credentials', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.ORGWARDEN_STATE_DIR = stateDir();
    for (const name of [
      'TABLE_NAME',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ])
      delete process.env[name];
    const nowhere = mkdtempSync(join(tmpdir(), 'orgwarden-no-aws-'));
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(nowhere, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([['state'], ['history', 'account:222222222222'], ['report', '--html', join(tmpdir(), 'never.html')]])(
    '%s before any run: a friendly message, exit 2',
    async (...args) => {
      const { code, stderr } = await orgwardenInProcess(...args);
      expect(code).toBe(MISUSE);
      expect(stderr).toContain('no local run yet: run `orgwarden local --scenario');
      expect(stderr).not.toMatch(/ENOENT|\n\s+at /);
    },
  );

  it('--table without a region names AWS_REGION and --region', async () => {
    const { code, stderr } = await orgwardenInProcess('state', '--table', 'orgwarden-prod-state');
    expect(code).toBe(MISUSE);
    expect(stderr).toBe(
      "orgwarden state: no AWS region for the table orgwarden-prod-state: set AWS_REGION or pass --region (orgwarden's stack lives in us-east-1)\n",
    );
  });

  it('--table without credentials names them and --profile; no SDK stack trace', async () => {
    const { code, stderr } = await orgwardenInProcess(
      'state',
      '--table',
      'orgwarden-prod-state',
      '--region',
      'us-east-1',
    );
    expect(code).toBe(MISUSE);
    expect(stderr).toContain(
      'orgwarden state: no AWS credentials to read the table with: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile NAME',
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    const profile = await orgwardenInProcess(
      'history',
      'handshake:',
      '--table',
      'orgwarden-prod-state',
      '--region',
      'us-east-1',
      '--profile',
      'no-such-profile',
    );
    expect(profile.code).toBe(MISUSE);
    expect(profile.stderr).toContain('the profile no-such-profile gave none');
  });
});

describe('the executable', () => {
  it('exits 2 with the message on stderr and nothing on stdout', async () => {
    const { code, stdout, stderr } = await orgwarden(['local', '--table', 'x']);
    expect(code).toBe(MISUSE);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      "orgwarden local: unknown option '--table' (--table belongs to `orgwarden state`, `orgwarden history`, `orgwarden report`, `orgwarden audit`); and required option '-s, --scenario <file>' not specified",
    );
  });
});
