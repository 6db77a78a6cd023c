import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { LocalStack } from '../../shared/local/stack/local-stack';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Product code: the functions and the shared code they run (the local tooling is not product code). */
const isProduct = (file: string): boolean =>
  (file.startsWith('functions/') || file.startsWith('shared/')) && !file.startsWith('shared/local/');

/**
 * The product files one CloudTrail invitation crosses: the files of which at least one function runs
 * while a warm handshake-changed handles `InviteAccountToOrganization` (V8's precise coverage, with
 * call counts, taken around that one delivery; module loading at cold start is left out: a first
 * invitation warms the function up). How many files a reader follows to understand one event.
 */
export const filesCrossed = async (): Promise<string[]> => {
  const stack = await LocalStack.start({ start: new Date('2026-11-02T09:00:00Z'), logLevel: 'SILENT' });
  const session = new Session();
  session.connect();
  const client = new OrganizationsClient({
    region: 'us-east-1',
    endpoint: stack.endpoints.organizations,
    credentials: credentialsFor('111111111111', 'scenario'),
  });
  try {
    const invite = async (account: string) => {
      await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: account, Type: 'ACCOUNT' } }));
      await stack.bus.settle();
    };
    await invite('222222222222');
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    // Taking the coverage resets its counts: what follows counts the next invitation only.
    await session.post('Profiler.takePreciseCoverage');
    await invite('333333333333');
    const { result } = await session.post('Profiler.takePreciseCoverage');
    await session.post('Profiler.stopPreciseCoverage');
    const files = result
      .filter(
        (script) =>
          script.url.startsWith('file://') && script.functions.some((fn) => fn.ranges.some((range) => range.count > 0)),
      )
      .map((script) => relative(root, fileURLToPath(script.url)))
      .filter(isProduct);
    return [...new Set(files)].sort();
  } finally {
    client.destroy();
    session.disconnect();
    await stack.stop();
  }
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await filesCrossed();
  console.log(`one CloudTrail invitation crosses ${files.length} product files:`);
  for (const file of files) console.log(`  ${file}`);
  process.exit(0);
}
