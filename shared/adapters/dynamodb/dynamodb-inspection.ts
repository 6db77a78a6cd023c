import { paginateQuery, paginateScan } from '@aws-sdk/client-dynamodb';
import type { Snapshot, Transition } from '../../domain/snapshot';
import type { JournalRecord, StateInspection } from '../../ports/state-store';
import { classifyAwsError } from '../aws-errors';
import {
  attributeNames as a,
  fromAttributes,
  type Item,
  journalIndexName,
  keys,
  toAttributes,
  toCauseRecord,
  toSnapshot,
  toTransition,
} from './table';
import { DynamoDbAuditStore } from './dynamodb-audit-runs';

/**
 * The store with the listings a person or the local stack asks for: every snapshot, the history,
 * the journal of a window, the earliest deadline. Some are scans; the functions never list, and
 * are built with `DynamoDbStateStore` so that their bundles carry none of this.
 */
export class DynamoDbInspection extends DynamoDbAuditStore implements StateInspection {
  async listSnapshots(subjectPrefix = ''): Promise<Snapshot[]> {
    const items = await this.scan(
      '#sk = :snapshot AND begins_with(#pk, :prefix)',
      { ':snapshot': keys.snapshotSk, ':prefix': `${keys.subjectPrefix}${subjectPrefix}` },
      { '#pk': a.pk, '#sk': a.sk },
      'list snapshots',
    );
    return items.map(toSnapshot).sort((x, y) => x.subject.localeCompare(y.subject));
  }

  async listHistory(subject?: string): Promise<Transition[]> {
    const items = subject
      ? await this.queryAll(keys.subjectPk(subject), keys.historyPrefix)
      : await this.scan(
          'begins_with(#sk, :history)',
          { ':history': keys.historyPrefix },
          { '#sk': a.sk },
          'list history',
        );
    return items
      .map(toTransition)
      .sort((x, y) => x.at.localeCompare(y.at) || x.subject.localeCompare(y.subject) || x.version - y.version);
  }

  /** The earliest `dueAt` in the table (a scan: for the local stack's schedules). */
  async earliestDue(): Promise<string | undefined> {
    const items = await this.scan('attribute_exists(#dueAt)', {}, { '#dueAt': a.dueAt }, 'find the earliest deadline');
    return items.map((item) => String(item[a.dueAt])).sort()[0];
  }

  /**
   * The causes processed in [since, until], oldest first, with their function (the journal index; the events themselves
   * by `getProcessed`).
   */
  async listJournal(since: string, until: string): Promise<JournalRecord[]> {
    const found: JournalRecord[] = [];
    try {
      for (const partition of keys.journalPartitions(keys.dayOf(since), keys.dayOf(until))) {
        const pages = paginateQuery(
          { client: this.client },
          {
            TableName: this.tableName,
            IndexName: journalIndexName,
            KeyConditionExpression: 'journalPk = :p AND processedAt BETWEEN :since AND :until',
            ExpressionAttributeValues: toAttributes({ ':p': partition, ':since': since, ':until': until }),
          },
        );
        for await (const page of pages)
          for (const item of page.Items ?? []) found.push(toCauseRecord(fromAttributes(item)));
      }
    } catch (error) {
      throw classifyAwsError(error, 'list the journal');
    }
    return found.sort((x, y) => x.processedAt.localeCompare(y.processedAt) || x.eventId.localeCompare(y.eventId));
  }

  private async queryAll(pk: string, skPrefix: string): Promise<Item[]> {
    const items: Item[] = [];
    try {
      const pages = paginateQuery(
        { client: this.client },
        {
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': a.pk, '#sk': a.sk },
          ExpressionAttributeValues: toAttributes({ ':pk': pk, ':prefix': skPrefix }),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []).map(fromAttributes));
    } catch (error) {
      throw classifyAwsError(error, "list a subject's history");
    }
    return items;
  }

  private async scan(filter: string, values: Item, names: Record<string, string>, what: string): Promise<Item[]> {
    const items: Item[] = [];
    try {
      const pages = paginateScan(
        { client: this.client },
        {
          TableName: this.tableName,
          FilterExpression: filter,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: toAttributes(values) } : {}),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []).map(fromAttributes));
    } catch (error) {
      throw classifyAwsError(error, what);
    }
    return items;
  }
}
