import { readEvent } from './stack';

/** The JSON text of a value nested `depth` levels deep (JSON.stringify itself overflows the stack at 10,000). */
export const deepJson = (depth: number, leaf = '{"handshakeId":"h-examplehandshakeid111"}'): string =>
  `${'{"nested":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** Hostile variants of a real sample: each must be refused at the door, on the first attempt. */
export const hostileEvents = async (): Promise<Record<string, Record<string, unknown>>> => {
  const sample = await readEvent('organizations/cancel-handshake.json');
  const detail = sample.detail as Record<string, unknown>;
  const deep: unknown = JSON.parse(deepJson(10_000));
  return {
    'nested 10,000 levels deep': { ...sample, id: 'hostile-deep', detail: { ...detail, requestParameters: deep } },
    'a 1 MB field': { ...sample, id: 'hostile-large', detail: { ...detail, userAgent: 'x'.repeat(1024 * 1024) } },
    'an invalid eventTime': { ...sample, id: 'hostile-time', detail: { ...detail, eventTime: 'yesterday at noon' } },
    'an oversized replay-name': { ...sample, id: 'hostile-replay', 'replay-name': 'r'.repeat(300) },
    'an injected id': { ...sample, id: 'e-1"; DROP TABLE state; --' },
  };
};

/** The JSON text of an event, safe for the deep one (its requestParameters are spliced in as text). */
export const eventText = (event: Record<string, unknown>): string => {
  const detail = event.detail as Record<string, unknown>;
  const parameters = detail.requestParameters as Record<string, unknown> | undefined;
  if (!parameters || !('nested' in parameters)) return JSON.stringify(event);
  const placeholder = '"__DEEP__"';
  return JSON.stringify({ ...event, detail: { ...detail, requestParameters: '__DEEP__' } }).replace(
    placeholder,
    deepJson(10_000),
  );
};
