import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsonEndpoint } from '../../shared/local/stack/aws-json-endpoint';
import { withUnpackedFunctions, type UnpackedFunction } from '../bench/bundles';
import { runNode } from '../support/node-process';
import { readEvent } from '../support/stack';
import { INFRA_STAGE } from './packaged';

/** Runs `script` (an ES module) in a fresh node with `env`. */
const runScript = (script: string, env: Record<string, string>): Promise<string> => runNode(['--input-type=module', '-e', script], env);

// The deployed artefacts themselves (osls package: esbuild with the aliases, plugins and banner of
// serverless.yml), not the sources the other tests run.
describe('the packaged bundles', () => {
  let functions: UnpackedFunction[] = [];
  let sqs: { endpoint: string; server: Server };
  const sent: string[] = [];
  let release: () => void = () => undefined;
  let unpacked: Promise<void>;

  beforeAll(async () => {
    sqs = await startJsonEndpoint('AmazonSQS', 'application/x-amz-json-1.0', {
      SendMessage: (input) => {
        const body = String(input.MessageBody);
        sent.push(body);
        return { MessageId: '00000000-0000-4000-8000-000000000001', MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
      },
    });
    // Keep the unzipped functions until the tests are done.
    await new Promise<void>((ready) => {
      unpacked = withUnpackedFunctions(INFRA_STAGE, (all) => {
        functions = all;
        ready();
        return new Promise<void>((done) => (release = done));
      });
    });
  }, 300_000);

  afterAll(async () => {
    release();
    await unpacked;
    await new Promise((done) => sqs.server.close(done));
  });

  it('are six, each an ES module that initialises with its environment and exports a handler', async () => {
    expect(functions.map((f) => f.fn).sort()).toEqual(['audit', 'expiry-sweep', 'handshake-changed', 'macie-member-changed', 'membership-changed', 'replay']);
    for (const { bundle, env } of functions) {
      const probe = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(typeof m.handler);`;
      expect(await runScript(probe, env)).toBe('function');
    }
  }, 120_000);

  it("carry neither event streams, nor the clients' whole package.json (shared/infra/esbuild-plugins.cjs), nor mnemonist, nor what never runs on Lambda, nor a scan", () => {
    for (const { fn, bundle } of functions) {
      const code = readFileSync(bundle, 'utf8');
      // (Booleans, not toContain: a failure must not print a bundle of 400 KB.)
      expect(code.includes('header name exceeds 255 bytes'), fn).toBe(false);
      expect(code.includes('orgwarden: event streams are not bundled'), fn).toBe(true);
      expect(/"(?:devDependencies|scripts)":/.test(code), fn).toBe(false);
      // DynamoDB's endpoint cache takes shared/adapters/dynamodb/endpoint-cache-lru.ts (alias), not mnemonist's LRU.
      expect(code.includes('splayOnTop'), fn).toBe(false);
      // orgwarden-lambda-environment: no instance metadata request, no config file parser, no SigV4a
      // loader, no rate limiter of the adaptive retry mode, no JavaScript SHA-256 (its first round constant).
      expect(['169.254.169.254', 'profile __proto__', 'Neither CRT nor JS SigV4a', 'cubicThrottle', '1116352408'].filter((mark) => code.includes(mark)), fn).toEqual([]);
      // The listings of the CLI (DynamoDbInspection) stay out of the functions: no DynamoDB Scan.
      expect(code.includes('"Scan"'), fn).toBe(false);
    }
  });

  it('carry only the Security IR commands they use (generated/commands.ts is pure): none holds SendFeedback or ListInvestigations', () => {
    for (const { fn, bundle } of functions) {
      const code = readFileSync(bundle, 'utf8');
      expect(['SendFeedback', 'ListInvestigations'].filter((name) => code.includes(name)), fn).toEqual([]);
    }
    expect(readFileSync(functions.find((f) => f.fn === 'membership-changed')!.bundle, 'utf8').includes('GetMembership')).toBe(true);
  });

  it('refuse a foreign event and keep it in the dead-letter queue: middy, the error boundary and the SQS client work as bundled', async () => {
    // Prepare: an Organizations record of another account, for the packaged handshake-changed; its SQS
    // client reaches the local queue (the SQS client sends to the host of the queue's URL).
    const handshakeChanged = functions.find((f) => f.fn === 'handshake-changed')!;
    const event: Record<string, unknown> = { ...(await readEvent('organizations/invite-account-to-organization.json')), account: '999999999999' };
    const context = { functionName: 'orgwarden-infratest-handshake-changed', invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:orgwarden-infratest-handshake-changed', awsRequestId: 'bundle-test' };
    const script = `const m = await import(${JSON.stringify(pathToFileURL(handshakeChanged.bundle).href)});
const result = await m.handler(${JSON.stringify(event)}, { ...${JSON.stringify(context)}, getRemainingTimeInMillis: () => 60000 });
process.stdout.write(JSON.stringify(result));`;
    // Act
    const result = JSON.parse(await runScript(script, { ...handshakeChanged.env, DEAD_LETTER_QUEUE_URL: `${sqs.endpoint}/111111111111/orgwarden-infratest-dlq` })) as { outcome: string; error: { name: string } };
    // Assess
    expect(result).toMatchObject({ outcome: 'dead-lettered', error: { name: 'ForeignEventError' } });
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!)).toMatchObject({ requestPayload: { id: event.id, account: '999999999999' }, responseContext: { error: { name: 'ForeignEventError' } } });
  }, 60_000);
});
