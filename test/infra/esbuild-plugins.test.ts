import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, readBody, startLocalServer, type LocalServer } from '../../shared/local/emulators/common/http';
import { projectRoot } from '../../shared/local/template';
import { runNode } from '../support/node-process';

interface ErrorClass {
  readonly name: string;
  readonly members: readonly string[];
}
interface PluginsModule extends Array<Plugin> {
  parseErrorClasses(source: string): { classes: ErrorClass[] } | undefined;
  readonly LAMBDA_ENVIRONMENT: ReadonlyArray<{ readonly file: RegExp; readonly contents: string }>;
  exportNames(source: string): string[];
}
const plugins = createRequire(import.meta.url)('../../shared/infra/esbuild-plugins.cjs') as PluginsModule;

/** The clients orgwarden bundles, each with its package and the name of its base exception. */
const CLIENTS = [
  { pkg: '@aws-sdk/client-organizations', base: 'OrganizationsServiceException' },
  { pkg: '@aws-sdk/client-dynamodb', base: 'DynamoDBServiceException' },
  { pkg: '@aws-sdk/client-sqs', base: 'SQSServiceException' },
  { pkg: '@aws-sdk/client-eventbridge', base: 'EventBridgeServiceException' },
  { pkg: '@aws-sdk/client-macie2', base: 'Macie2ServiceException' },
] as const;

/** The plugins that rewrite or replace modules of the AWS SDK (the others leave out modules whole). */
const REWRITING = new Set([
  'orgwarden-tree-shakable-schemas',
  'orgwarden-compact-error-classes',
  'orgwarden-lambda-environment',
]);
const lambdaEnvironment = plugins.find((p) => p.name === 'orgwarden-lambda-environment')!;

/** The JavaScript files of the packages whose modules orgwarden-lambda-environment replaces. */
const replaceableFiles = (): string[] =>
  ['@smithy/core/dist-es', '@aws-sdk/signature-v4-multi-region/dist-es'].flatMap((dir) =>
    (readdirSync(join(projectRoot, 'node_modules', dir), { recursive: true }) as string[])
      .filter((file) => file.endsWith('.js'))
      .map((file) => join(projectRoot, 'node_modules', dir, file)),
  );

/**
 * What the replaced modules do where a Lambda function runs, printed by a script: a native hash and
 * the JavaScript ones, the shared config files (absent), the region with no instance metadata
 * service, EventBridge's signer for a region and for "*", the adaptive retry strategy, a streamed output.
 */
const lambdaEnvironmentScript = `
import { Md5, Md5Js, Sha256, Sha256Js } from '@smithy/core/checksum';
import { loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import { HttpRequest } from '@smithy/core/protocols';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import { sdkStreamMixin } from '@smithy/core/serde';
import { SignatureV4MultiRegion } from '@aws-sdk/signature-v4-multi-region';
import { Readable } from 'node:stream';
const attempt = async (f) => { try { return { value: await f() }; } catch (error) { return { error: error.message }; } };
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const digest = async (Hash) => { const hash = new Hash(); hash.update('abc'); return hex(await hash.digest()); };
const signer = new SignatureV4MultiRegion({ service: 'events', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, sha256: Sha256, runtime: 'node' });
const request = () => new HttpRequest({ method: 'POST', protocol: 'https:', hostname: 'events.us-east-1.amazonaws.com', path: '/', headers: { host: 'events.us-east-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.1' }, body: '{"Entries":[]}' });
const signingDate = new Date('2026-11-24T12:00:00Z');
process.stdout.write(JSON.stringify({
  sha256: await attempt(() => digest(Sha256)),
  md5: await attempt(() => digest(Md5)),
  sha256Js: await attempt(() => digest(Sha256Js)),
  md5Js: await attempt(() => digest(Md5Js)),
  configFiles: await attempt(() => loadSharedConfigFiles()),
  region: await attempt(() => NODE_REGION_CONFIG_OPTIONS.default()),
  signed: await attempt(async () => (await signer.sign(request(), { signingDate, signingRegion: 'us-east-1', signingService: 'events' })).headers),
  signedEverywhere: await attempt(async () => (await signer.sign(request(), { signingDate, signingRegion: '*', signingService: 'events' })).headers),
  sigv4aDependency: await attempt(() => SignatureV4MultiRegion.sigv4aDependency()),
  adaptive: await attempt(() => new AdaptiveRetryStrategy(3).mode),
  stream: await attempt(() => sdkStreamMixin(Readable.from(['x'])).transformToString()),
}));
`;

const errorsModule = (pkg: string): string =>
  readFileSync(join(projectRoot, 'node_modules', pkg, 'dist-es/models/errors.js'), 'utf8');

/**
 * A script that calls each client against `ENDPOINT` (answers below: outputs with timestamps and
 * nested shapes, errors with members, a retryable one, SQS's query-compatible code, a REST-JSON
 * error) and builds every error class of every client directly; it prints what a caller can see.
 */
const probeScript = (memberNames: readonly string[]): string => `
import * as organizations from '@aws-sdk/client-organizations';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as sqs from '@aws-sdk/client-sqs';
import * as eventbridge from '@aws-sdk/client-eventbridge';
import * as macie from '@aws-sdk/client-macie2';
const clients = ${JSON.stringify(CLIENTS.map((c) => c.base))};
const modules = [organizations, dynamodb, sqs, eventbridge, macie];
const config = { endpoint: process.env.ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
const visible = (error, mod, base) => ({
  name: error.name, constructorName: error.constructor.name, message: error.message, fault: error.$fault, retryable: error.$retryable,
  status: error.$metadata?.httpStatusCode, shapeId: error.constructor.shapeId,
  own: Object.fromEntries(Object.entries(error).filter(([key]) => key !== '$response' && key !== '$metadata')),
  isExported: typeof mod[error.name] === 'function' && error instanceof mod[error.name], isBase: error instanceof mod[base],
  isAnotherError: Object.values(mod).some((other) => typeof other === 'function' && other !== mod[error.name] && other !== mod[base] && other.prototype instanceof mod[base] && error instanceof other),
});
const calls = [
  [0, new organizations.OrganizationsClient(config), new organizations.DescribeHandshakeCommand({ HandshakeId: 'h-0123456789' })],
  [0, new organizations.OrganizationsClient(config), new organizations.ListAccountsCommand({})],
  [0, new organizations.OrganizationsClient(config), new organizations.AcceptHandshakeCommand({ HandshakeId: 'h-0123456789' })],
  [1, new dynamodb.DynamoDBClient(config), new dynamodb.QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } })],
  [1, new dynamodb.DynamoDBClient(config), new dynamodb.TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'x' } } } }] })],
  [1, new dynamodb.DynamoDBClient(config), new dynamodb.PutItemCommand({ TableName: 't', Item: { pk: { S: 'x' } } })],
  [2, new sqs.SQSClient(config), new sqs.SendMessageCommand({ QueueUrl: process.env.ENDPOINT + '/111111111111/q', MessageBody: 'x' })],
  [3, new eventbridge.EventBridgeClient(config), new eventbridge.PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })],
  [4, new macie.Macie2Client(config), new macie.GetMemberCommand({ id: '111111111111' })],
  [4, new macie.Macie2Client(config), new macie.ListMembersCommand({})],
];
const seen = [];
for (const [index, client, command] of calls) {
  try { const { $metadata, ...output } = await client.send(command); seen.push({ output }); }
  catch (error) { seen.push({ error: visible(error, modules[index], clients[index]) }); }
}
const options = { message: 'built', $metadata: { httpStatusCode: 400 }, ...Object.fromEntries(${JSON.stringify(memberNames)}.map((name) => [name, 'value of ' + name])) };
modules.forEach((mod, index) => {
  for (const [name, value] of Object.entries(mod).sort(([a], [b]) => a.localeCompare(b))) {
    if (typeof value === 'function' && value.prototype instanceof mod[clients[index]]) seen.push({ built: name, error: visible(new value(options), mod, clients[index]) });
  }
});
process.stdout.write(JSON.stringify(seen));
`;

/** The answers of the local endpoint, by X-Amz-Target operation or REST path. */
const answer = (target: string, path: string): { status: number; headers?: Record<string, string>; body: unknown } => {
  const operation = target === '' ? path : target.slice(target.lastIndexOf('.') + 1);
  switch (operation) {
    case 'DescribeHandshake':
      return {
        status: 200,
        body: {
          Handshake: {
            Id: 'h-0123456789',
            State: 'OPEN',
            RequestedTimestamp: 1764000000.5,
            ExpirationTimestamp: 1765296000,
            Parties: [{ Id: '111111111111', Type: 'ACCOUNT' }],
            Resources: [
              {
                Type: 'ORGANIZATION',
                Value: 'o-abcdefghij',
                Resources: [{ Type: 'MASTER_EMAIL', Value: 'a@example.com' }],
              },
            ],
          },
        },
      };
    case 'ListAccounts':
      return { status: 400, body: { __type: 'AccessDeniedException', Message: 'not allowed' } };
    case 'AcceptHandshake':
      return {
        status: 400,
        body: {
          __type: 'HandshakeConstraintViolationException',
          Message: 'too many',
          Reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
        },
      };
    case 'Query':
      return {
        status: 200,
        body: {
          Count: 1,
          ScannedCount: 1,
          Items: [{ pk: { S: 'x' }, n: { N: '12' }, l: { L: [{ BOOL: true }, { NULL: true }] } }],
          LastEvaluatedKey: { pk: { S: 'x' } },
        },
      };
    case 'TransactWriteItems':
      return {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          Message: 'cancelled',
          CancellationReasons: [
            { Code: 'ConditionalCheckFailed', Message: 'failed', Item: { pk: { S: 'x' } } },
            { Code: 'None' },
          ],
        },
      };
    case 'PutItem':
      return {
        status: 400,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#ReplicatedWriteConflictException', message: 'conflict' },
      };
    case 'SendMessage':
      return {
        status: 400,
        headers: { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' },
        body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'no queue' },
      };
    case 'PutEvents':
      return {
        status: 200,
        body: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] },
      };
    case '/members/111111111111':
      return {
        status: 200,
        body: {
          accountId: '111111111111',
          administratorAccountId: '222222222222',
          relationshipStatus: 'Resigned',
          invitedAt: '2026-11-01T10:00:00.123Z',
          updatedAt: '2026-11-02T10:00:00Z',
          tags: { team: 'sec' },
        },
      };
    default:
      return {
        status: 403,
        headers: { 'x-amzn-errortype': 'AccessDeniedException' },
        body: { message: `no ${operation}` },
      };
  }
};

/** `script` bundled as the packaging does (node 22, ESM, the SDK's ES modules) with the plugins `use`. */
const bundleWith = async (script: string, use: Plugin[], minify = false): Promise<string> =>
  (
    await build({
      stdin: { contents: script, resolveDir: projectRoot, loader: 'js' },
      bundle: true,
      minify,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      write: false,
      plugins: use,
      logLevel: 'error',
    })
  ).outputFiles[0]!.text;

/** Bundles the probe with `use` and runs it in a fresh node against `endpoint`; what it printed. */
const runProbe = async (use: Plugin[], script: string, dir: string, endpoint: string): Promise<unknown[]> => {
  const file = join(dir, `probe-${use.length}.mjs`);
  writeFileSync(file, await bundleWith(script, use));
  return JSON.parse(
    await runNode([pathToFileURL(file).pathname], {
      PATH: process.env.PATH,
      ENDPOINT: endpoint,
      AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    }),
  ) as unknown[];
};

describe('the esbuild plugins of the packaging (shared/infra/esbuild-plugins.cjs)', () => {
  it("recognise the error module of every client orgwarden bundles as the SDK's generated template", () => {
    for (const { pkg } of CLIENTS) {
      const parsed = plugins.parseErrorClasses(errorsModule(pkg));
      expect(parsed?.classes.length ?? 0, pkg).toBeGreaterThan(5);
    }
    expect(
      plugins
        .parseErrorClasses(errorsModule('@aws-sdk/client-dynamodb'))
        ?.classes.find((c) => c.name === 'TransactionCanceledException')?.members,
    ).toEqual(['Message', 'CancellationReasons']);
  });

  it('leave an error module that differs from the template in any way as it is', () => {
    const source = errorsModule('@aws-sdk/client-organizations');
    const changed = [
      source.replace('this.Message = opts.Message;', 'this.Message = opts.Message ?? "none";'),
      source.replace(
        'Object.setPrototypeOf(this, AccessDeniedException.prototype);',
        'Object.setPrototypeOf(this, AccessDeniedException.prototype);\n        this.extra = 1;',
      ),
      source.replace(
        'export class AccessDeniedException extends __BaseException {',
        'export class AccessDeniedException extends Error {',
      ),
      `${source}export const something = 1;\n`,
    ];
    for (const variant of changed) {
      expect(variant).not.toBe(source);
      expect(plugins.parseErrorClasses(variant)).toBeUndefined();
    }
  });

  it("leave out the shapes and error classes' code a bundle does not use", async () => {
    // Prepare: a bundle that calls one Macie operation, with and without the two plugins that rewrite SDK modules.
    const script =
      "import { Macie2Client, GetMemberCommand } from '@aws-sdk/client-macie2'; await new Macie2Client({}).send(new GetMemberCommand({ id: '111111111111' }));";
    // Act
    const [plain, trimmed] = await Promise.all([
      bundleWith(
        script,
        plugins.filter((p) => !REWRITING.has(p.name)),
        true,
      ),
      bundleWith(script, [...plugins], true),
    ]);
    // Assess: an unused shape (of GetBucketStatistics) went, the used one stayed; the error classes are
    // built by the factory (their template's super call is gone).
    expect(plain.includes('BucketCountByEncryptionType')).toBe(true);
    expect(trimmed.includes('BucketCountByEncryptionType')).toBe(false);
    expect(trimmed.includes('relationshipStatus')).toBe(true);
    expect(plain.includes('name:"ThrottlingException",$fault:"client"')).toBe(true);
    expect(trimmed.includes('name:"ThrottlingException",$fault:"client"')).toBe(false);
    expect(trimmed.length).toBeLessThan(plain.length - 40_000);
  });

  describe('change nothing the SDK clients do', () => {
    let server: LocalServer;
    let dir: string;
    let plain: unknown[];
    let trimmed: unknown[];

    beforeAll(async () => {
      // Prepare: the same probe bundled with the plugins and without the two that rewrite SDK modules.
      server = await startLocalServer(async (request, response) => {
        await readBody(request);
        const {
          status,
          headers = {},
          body,
        } = answer(header(request, 'x-amz-target') ?? '', (request.url ?? '/').split('?')[0]!);
        const contentType = header(request, 'x-amz-target') ? 'application/x-amz-json-1.0' : 'application/json';
        response.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': 'request-1', ...headers });
        response.end(JSON.stringify(body));
      });
      dir = mkdtempSync(join(tmpdir(), 'orgwarden-plugins-'));
      const members = [
        ...new Set(
          CLIENTS.flatMap(
            ({ pkg }) => plugins.parseErrorClasses(errorsModule(pkg))?.classes.flatMap((c) => c.members) ?? [],
          ),
        ),
      ];
      const script = probeScript(members);
      [plain, trimmed] = await Promise.all([
        runProbe(
          plugins.filter((p) => !REWRITING.has(p.name)),
          script,
          dir,
          server.endpoint,
        ),
        runProbe([...plugins], script, dir, server.endpoint),
      ]);
    }, 120_000);

    afterAll(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answer calls and build errors exactly as the unchanged SDK does', () => {
      // A class's own name is not something the bundled SDK keeps: bundling renames the colliding ones
      // (AccessDeniedException of five clients becomes _AccessDeniedException, ...) and minifying renames
      // all. The compact classes keep theirs; the comparison reads both without the bundler's marks.
      const unmarked = (entries: unknown[]): unknown =>
        JSON.parse(JSON.stringify(entries), (key, value: unknown) =>
          key === 'constructorName' && typeof value === 'string' ? value.replace(/^_+|\d+$/g, '') : value,
        );
      expect(unmarked(trimmed)).toEqual(unmarked(plain));
    });

    it('(and the probe saw what it must: outputs, errors with members, retryability, every class)', () => {
      // The comparison above is only as good as what the probe exercised.
      const seen = JSON.stringify(plain);
      expect(plain[0]).toMatchObject({
        output: { Handshake: { Id: 'h-0123456789', Resources: [{ Resources: [{ Type: 'MASTER_EMAIL' }] }] } },
      });
      expect(plain[4]).toMatchObject({
        error: {
          name: 'TransactionCanceledException',
          isExported: true,
          isBase: true,
          isAnotherError: false,
          own: { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] },
        },
      });
      expect(plain[5]).toMatchObject({
        error: { name: 'ReplicatedWriteConflictException', retryable: {}, isExported: true },
      });
      expect(plain[6]).toMatchObject({ error: { name: 'QueueDoesNotExist', isExported: true } });
      expect(plain[8]).toMatchObject({ output: { relationshipStatus: 'Resigned' } });
      expect(plain[9]).toMatchObject({ error: { name: 'AccessDeniedException', status: 403, isExported: true } });
      const built = plain.filter((entry) => (entry as { built?: string }).built !== undefined);
      const classes = CLIENTS.reduce(
        (sum, { pkg }) => sum + (plugins.parseErrorClasses(errorsModule(pkg))?.classes.length ?? 0),
        0,
      );
      expect(built).toHaveLength(classes);
      expect(seen).toContain('"shapeId":"com.amazonaws.organizations#AccessDeniedException"');
    });
  });
  describe('orgwarden-lambda-environment', () => {
    it('replaces each module it names (one file each in the SDK orgwarden installs) by one with the same exports', () => {
      const files = replaceableFiles();
      for (const { file, contents } of plugins.LAMBDA_ENVIRONMENT) {
        const matching = files.filter((path) => file.test(path));
        expect(matching, String(file)).toHaveLength(1);
        expect(plugins.exportNames(contents), String(file)).toEqual(
          plugins.exportNames(readFileSync(matching[0]!, 'utf8')),
        );
        expect(plugins.exportNames(contents).length, String(file)).toBeGreaterThan(0);
      }
      // The reading of exports the guard relies on: declarations, lists with renames, wholesale re-exports.
      expect(
        plugins.exportNames(
          'export const a = 1;\nexport async function b() {}\nexport class C {}\nexport { d, e as f } from "./x";\n',
        ),
      ).toEqual(['C', 'a', 'b', 'd', 'f']);
      expect(plugins.exportNames('export * from "./x";\nexport const a = 1;\n')).toEqual(['*', 'a']);
    });

    it('fails the build when an original no longer exports what its replacement does (an SDK update)', async () => {
      // Prepare: a module at the path of Md5Js that exports one more name.
      const root = mkdtempSync(join(tmpdir(), 'orgwarden-lambda-environment-'));
      const moved = join(root, 'node_modules/@smithy/core/dist-es/submodules/checksum/md5/Md5Js.js');
      mkdirSync(dirname(moved), { recursive: true });
      writeFileSync(moved, 'export class Md5Js {}\nexport const md5Block = 64;\n');
      try {
        // Act
        const attempt = build({
          stdin: {
            contents: `import { Md5Js } from ${JSON.stringify(moved)}; console.log(Md5Js);`,
            resolveDir: root,
            loader: 'js',
          },
          bundle: true,
          write: false,
          platform: 'node',
          format: 'esm',
          plugins: [lambdaEnvironment],
          logLevel: 'silent',
        });
        // Assess
        await expect(attempt).rejects.toThrow(/exports Md5Js, md5Block, its replacement Md5Js: update the replacement/);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    describe('does on Lambda what the replaced modules do there', () => {
      let plain: Record<string, { value?: unknown; error?: string }>;
      let replaced: Record<string, { value?: unknown; error?: string }>;
      let dir: string;

      beforeAll(async () => {
        // Prepare: the script bundled with and without the plugin, run where Lambda's functions run:
        // no shared config files (HOME is an empty folder) and no instance metadata service (its
        // endpoint refuses connections).
        dir = mkdtempSync(join(tmpdir(), 'orgwarden-lambda-environment-'));
        const run = async (name: string, use: Plugin[]) => {
          const file = join(dir, `${name}.mjs`);
          writeFileSync(file, await bundleWith(lambdaEnvironmentScript, use));
          const env = {
            PATH: process.env.PATH,
            HOME: dir,
            AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
            AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
          };
          return JSON.parse(await runNode([file], env)) as Record<string, { value?: unknown; error?: string }>;
        };
        [plain, replaced] = await Promise.all([run('plain', []), run('replaced', [lambdaEnvironment])]);
      }, 60_000);

      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it("hashes with Node's crypto as before; the JavaScript hashes are refused by name", () => {
        expect(replaced.sha256).toEqual(plain.sha256);
        expect(replaced.sha256).toEqual({ value: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
        expect(replaced.md5).toEqual({ value: '900150983cd24fb0d6963f7d28e17f72' });
        expect(plain.sha256Js).toEqual(plain.sha256);
        expect(replaced.sha256Js?.error).toMatch(
          /^orgwarden: SHA-256 in JavaScript .* is not bundled \(shared\/infra\/esbuild-plugins.cjs/,
        );
        expect(replaced.md5Js?.error).toMatch(/^orgwarden: MD5 in JavaScript .* is not bundled/);
      });

      it('finds no shared config file and no region without AWS_REGION, as the original does there', () => {
        expect(plain.configFiles).toEqual({ value: { configFile: {}, credentialsFile: {} } });
        expect(replaced.configFiles).toEqual(plain.configFiles);
        expect(plain.region).toEqual({ error: 'Region is missing' });
        expect(replaced.region).toEqual(plain.region);
      });

      it("signs EventBridge's requests exactly as before, and refuses SigV4a as the original does without its optional packages", () => {
        expect((plain.signed?.value as Record<string, string> | undefined)?.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261124\/us-east-1\/events\/aws4_request/,
        );
        expect(replaced.signed).toEqual(plain.signed);
        expect(plain.signedEverywhere?.error).toMatch(/Neither CRT nor JS SigV4a implementation is available/);
        expect(replaced.signedEverywhere?.error).toMatch(/^orgwarden: SigV4a signing .* is not bundled/);
        // What EventBridge's auth scheme provider asks before it falls back from SigV4a to SigV4.
        expect(plain.sigv4aDependency).toEqual({ value: 'none' });
        expect(replaced.sigv4aDependency).toEqual(plain.sigv4aDependency);
      });

      it('refuses the adaptive retry strategy and a streamed output by name (orgwarden uses neither)', () => {
        expect(plain.adaptive).toEqual({ value: 'adaptive' });
        expect(replaced.adaptive?.error).toMatch(/^orgwarden: the adaptive retry mode is not bundled/);
        expect(plain.stream).toEqual({ value: 'x' });
        expect(replaced.stream?.error).toMatch(/^orgwarden: a streamed output .* is not bundled/);
      });
    });
  });
});
