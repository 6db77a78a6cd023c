import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { DynamoDbInspection } from '../../adapters/dynamodb/dynamodb-inspection';
import type { LocalReport } from '../scenario/report';
import { readPublished } from './deployed-ledger';
import { CliError, UsageError } from './errors';

/** Where a deployed table is: its name, and the region and profile to reach it with. */
export interface TableOptions {
  readonly table?: string;
  readonly region?: string;
  readonly profile?: string;
}

/** What the CLI reads from a deployed table: the parts of a run a table holds. */
export type TableContents = Pick<LocalReport, 'snapshots' | 'history'>;

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const resolveCredentials = async (profile: string | undefined): Promise<AwsCredentialIdentity> => {
  try {
    return await defaultProvider(profile ? { profile } : {})();
  } catch (error) {
    const hint = profile
      ? `the profile ${profile} gave none (${error instanceof Error ? error.message : String(error)})`
      : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile NAME (or set AWS_PROFILE) for a profile of ~/.aws/config';
    throw new UsageError(`no AWS credentials to read the table with: ${hint}`);
  }
};

/**
 * Opens a deployed orgwarden table for reading, after checking what the SDK would otherwise fail on
 * with a stack trace: a region and credentials.
 *
 * @throws UsageError naming what is missing (AWS_REGION or --region; credentials or --profile)
 */
export const openDeployedTable = async (
  options: TableOptions & { readonly table: string },
): Promise<{ read(subject?: string): Promise<TableContents>; published(): Promise<LocalReport['emitted']> }> => {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region)
    throw new UsageError(
      `no AWS region for the table ${options.table}: set AWS_REGION or pass --region (orgwarden's stack lives in us-east-1)`,
    );
  const credentials = await resolveCredentials(options.profile);
  const client = new DynamoDBClient({ region, credentials, maxAttempts: 3 });
  const store = new DynamoDbInspection(options.table, client);
  const failed = (error: unknown): CliError => {
    const name = error instanceof Error ? error.name : '';
    if (name === 'ResourceNotFoundException')
      return new CliError(`no table ${options.table} in ${region}: check --table and --region`);
    return new CliError(`cannot read the table ${options.table} in ${region}: ${errorText(error)}`);
  };
  return {
    /** The events it published (its ledger's `publish` entries): the findings of `report`. */
    async published() {
      try {
        return await readPublished(client, options.table);
      } catch (error) {
        throw failed(error);
      }
    },
    async read(subject) {
      try {
        // A subject may be a prefix (`handshake:`): the history is listed whole and filtered.
        const [snapshots, history] = await Promise.all([store.listSnapshots(subject ?? ''), store.listHistory()]);
        return {
          snapshots: snapshots.map(({ subject: s, state, version, observedAt, data }) => ({
            subject: s,
            state,
            version,
            observedAt,
            data,
          })),
          history: history
            .filter((h) => !subject || h.subject.startsWith(subject))
            .map(({ subject: s, from, to, at, cause }) => ({ subject: s, from, to, at, cause })),
        };
      } catch (error) {
        throw failed(error);
      }
    },
  };
};
