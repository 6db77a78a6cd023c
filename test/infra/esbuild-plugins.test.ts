import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The plugins that rewrite modules of the AWS SDK (the others leave out modules whole). */
const REWRITING = new Set(['orgwarden-tree-shakable-schemas', 'orgwarden-compact-error-classes']);

const errorsModule = (pkg: string): string => readFileSync(join(projectRoot, 'node_modules', pkg, 'dist-es/models/errors.js'), 'utf8');

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
      return { status: 200, body: { Handshake: { Id: 'h-0123456789', State: 'OPEN', RequestedTimestamp: 1764000000.5, ExpirationTimestamp: 1765296000, Parties: [{ Id: '111111111111', Type: 'ACCOUNT' }], Resources: [{ Type: 'ORGANIZATION', Value: 'o-abcdefghij', Resources: [{ Type: 'MASTER_EMAIL', Value: 'a@example.com' }] }] } } };
    case 'ListAccounts':
      return { status: 400, body: { __type: 'AccessDeniedException', Message: 'not allowed' } };
    case 'AcceptHandshake':
      return { status: 400, body: { __type: 'HandshakeConstraintViolationException', Message: 'too many', Reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED' } };
    case 'Query':
      return { status: 200, body: { Count: 1, ScannedCount: 1, Items: [{ pk: { S: 'x' }, n: { N: '12' }, l: { L: [{ BOOL: true }, { NULL: true }] } }], LastEvaluatedKey: { pk: { S: 'x' } } } };
    case 'TransactWriteItems':
      return { status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', Message: 'cancelled', CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: 'failed', Item: { pk: { S: 'x' } } }, { Code: 'None' }] } };
    case 'PutItem':
      return { status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ReplicatedWriteConflictException', message: 'conflict' } };
    case 'SendMessage':
      return { status: 400, headers: { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' }, body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'no queue' } };
    case 'PutEvents':
      return { status: 200, body: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] } };
    case '/members/111111111111':
      return { status: 200, body: { accountId: '111111111111', administratorAccountId: '222222222222', relationshipStatus: 'Resigned', invitedAt: '2026-11-01T10:00:00.123Z', updatedAt: '2026-11-02T10:00:00Z', tags: { team: 'sec' } } };
    default:
      return { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: { message: `no ${operation}` } };
  }
};

/** `script` bundled as the packaging does (node 22, ESM, the SDK's ES modules) with the plugins `use`. */
const bundleWith = async (script: string, use: Plugin[], minify = false): Promise<string> =>
  (await build({ stdin: { contents: script, resolveDir: projectRoot, loader: 'js' }, bundle: true, minify, platform: 'node', target: 'node22', format: 'esm', mainFields: ['module', 'main'], write: false, plugins: use, logLevel: 'error' })).outputFiles[0]!.text;

/** Bundles the probe with `use` and runs it in a fresh node against `endpoint`; what it printed. */
const runProbe = async (use: Plugin[], script: string, dir: string, endpoint: string): Promise<unknown[]> => {
  const file = join(dir, `probe-${use.length}.mjs`);
  writeFileSync(file, await bundleWith(script, use));
  return JSON.parse(await runNode([pathToFileURL(file).pathname], { PATH: process.env.PATH, ENDPOINT: endpoint, AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' })) as unknown[];
};

describe('the esbuild plugins of the packaging (shared/infra/esbuild-plugins.cjs)', () => {
  it("recognise the error module of every client orgwarden bundles as the SDK's generated template", () => {
    for (const { pkg } of CLIENTS) {
      const parsed = plugins.parseErrorClasses(errorsModule(pkg));
      expect(parsed?.classes.length ?? 0, pkg).toBeGreaterThan(5);
    }
    expect(plugins.parseErrorClasses(errorsModule('@aws-sdk/client-dynamodb'))?.classes.find((c) => c.name === 'TransactionCanceledException')?.members).toEqual(['Message', 'CancellationReasons']);
  });

  it('leave an error module that differs from the template in any way as it is', () => {
    const source = errorsModule('@aws-sdk/client-organizations');
    const changed = [
      source.replace('this.Message = opts.Message;', 'this.Message = opts.Message ?? "none";'),
      source.replace('Object.setPrototypeOf(this, AccessDeniedException.prototype);', 'Object.setPrototypeOf(this, AccessDeniedException.prototype);\n        this.extra = 1;'),
      source.replace('export class AccessDeniedException extends __BaseException {', 'export class AccessDeniedException extends Error {'),
      `${source}export const something = 1;\n`,
    ];
    for (const variant of changed) {
      expect(variant).not.toBe(source);
      expect(plugins.parseErrorClasses(variant)).toBeUndefined();
    }
  });

  it("leave out the shapes and error classes' code a bundle does not use", async () => {
    // Prepare: a bundle that calls one Macie operation, with and without the two plugins that rewrite SDK modules.
    const script = "import { Macie2Client, GetMemberCommand } from '@aws-sdk/client-macie2'; await new Macie2Client({}).send(new GetMemberCommand({ id: '111111111111' }));";
    // Act
    const [plain, trimmed] = await Promise.all([bundleWith(script, plugins.filter((p) => !REWRITING.has(p.name)), true), bundleWith(script, [...plugins], true)]);
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
        const { status, headers = {}, body } = answer(header(request, 'x-amz-target') ?? '', (request.url ?? '/').split('?')[0]!);
        const contentType = header(request, 'x-amz-target') ? 'application/x-amz-json-1.0' : 'application/json';
        response.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': 'request-1', ...headers });
        response.end(JSON.stringify(body));
      });
      dir = mkdtempSync(join(tmpdir(), 'orgwarden-plugins-'));
      const members = [...new Set(CLIENTS.flatMap(({ pkg }) => plugins.parseErrorClasses(errorsModule(pkg))?.classes.flatMap((c) => c.members) ?? []))];
      const script = probeScript(members);
      [plain, trimmed] = await Promise.all([runProbe(plugins.filter((p) => !REWRITING.has(p.name)), script, dir, server.endpoint), runProbe([...plugins], script, dir, server.endpoint)]);
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
        JSON.parse(JSON.stringify(entries), (key, value: unknown) => (key === 'constructorName' && typeof value === 'string' ? value.replace(/^_+|\d+$/g, '') : value));
      expect(unmarked(trimmed)).toEqual(unmarked(plain));
    });

    it('(and the probe saw what it must: outputs, errors with members, retryability, every class)', () => {
      // The comparison above is only as good as what the probe exercised.
      const seen = JSON.stringify(plain);
      expect(plain[0]).toMatchObject({ output: { Handshake: { Id: 'h-0123456789', Resources: [{ Resources: [{ Type: 'MASTER_EMAIL' }] }] } } });
      expect(plain[4]).toMatchObject({ error: { name: 'TransactionCanceledException', isExported: true, isBase: true, isAnotherError: false, own: { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] } } });
      expect(plain[5]).toMatchObject({ error: { name: 'ReplicatedWriteConflictException', retryable: {}, isExported: true } });
      expect(plain[6]).toMatchObject({ error: { name: 'QueueDoesNotExist', isExported: true } });
      expect(plain[8]).toMatchObject({ output: { relationshipStatus: 'Resigned' } });
      expect(plain[9]).toMatchObject({ error: { name: 'AccessDeniedException', status: 403, isExported: true } });
      const built = plain.filter((entry) => (entry as { built?: string }).built !== undefined);
      const classes = CLIENTS.reduce((sum, { pkg }) => sum + (plugins.parseErrorClasses(errorsModule(pkg))?.classes.length ?? 0), 0);
      expect(built).toHaveLength(classes);
      expect(seen).toContain('"shapeId":"com.amazonaws.organizations#AccessDeniedException"');
    });
  });
});
