import { inject } from 'vitest';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack, type LocalStackOptions } from '../../shared/local/stack/local-stack';

/** A local stack that keeps every event the emulated world sent to orgwarden's bus (to deliver one again). */
export const startWatchedStack = async (
  options: Partial<LocalStackOptions> = {},
): Promise<{ stack: LocalStack; seen: BusEvent[] }> => {
  const seen: BusEvent[] = [];
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: process.env.ORGWARDEN_TEST_LOG_LEVEL ?? 'SILENT',
    worldEvents: (event, deliver) => {
      seen.push(event);
      deliver(event);
    },
    ...options,
  });
  return { stack, seen };
};

let copies = 0;

/** The same event delivered again under a new id (another event naming the same subjects: orgwarden re-reads them). */
export const again = (event: BusEvent): BusEvent => ({ ...event, id: `${event.id}-again-${++copies}` });

/** The last event the world sent whose detail names `eventName` (a CloudTrail record) and whose text holds `text`. */
export const lastEvent = (seen: readonly BusEvent[], eventName: string, text = ''): BusEvent => {
  const found = seen
    .filter(
      (event) =>
        (event.detail as { eventName?: string }).eventName === eventName && JSON.stringify(event).includes(text),
    )
    .at(-1);
  if (!found) throw new Error(`no ${eventName} event naming ${text} was sent`);
  return found;
};

export interface AnnouncedChange {
  readonly before: string | null;
  readonly after: string;
  readonly unrecognized?: ReadonlyArray<{ readonly field: string; readonly value: string }>;
}

/** The announcements of one subject's changes, in order. */
export const changesOf = (stack: LocalStack, detailType: string, subject: string): AnnouncedChange[] =>
  stack.bus.emitted
    .filter(
      (event) => event['detail-type'] === detailType && (event.detail as { subject?: string }).subject === subject,
    )
    .map((event) => {
      const { before, after, unrecognized } = event.detail as AnnouncedChange;
      return { before, after, ...(unrecognized ? { unrecognized } : {}) };
    });

/** The `Unrecognized Value Detected` alerts published: field, value, and the subject first seen with it. */
export const alertsOf = (stack: LocalStack): Array<{ field: string; value: string; subject: string }> =>
  stack.bus.emitted
    .filter((event) => event['detail-type'] === 'Unrecognized Value Detected')
    .map((event) => {
      const { field, value, subject } = event.detail as { field: string; value: string; subject: string };
      return { field, value, subject };
    });

/** The last event the world sent of a detail-type (a service's native event) whose text holds `text`. */
export const lastOfType = (seen: readonly BusEvent[], detailType: string, text = ''): BusEvent => {
  const found = seen
    .filter((event) => event['detail-type'] === detailType && JSON.stringify(event).includes(text))
    .at(-1);
  if (!found) throw new Error(`no ${detailType} event naming ${text} was sent`);
  return found;
};
