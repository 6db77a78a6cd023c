import type { TrailResource } from '../common/cloudtrail';
import type { NativeEventDraft } from './cloudtrail';
import { fail } from './errors';
import type { SecurityIrState } from './state';
import type { CancellationDetailType, CancellationWindow, OrganizationTree } from './types';

/** What an operation handler gets besides its (already validated) input. */
export interface HandlerContext {
  state: SecurityIrState;
  /** The 12-digit account id of the caller. */
  caller: string;
  /** The scenario clock's time for this request. */
  now: Date;
  region: string;
  organization?: OrganizationTree;
  /** Accounts allowed, besides the management account, to hold the organization's membership. */
  delegatedAdministrators: ReadonlySet<string>;
  cancellationDetailType: CancellationDetailType;
  /** How long a cancelled membership lasts. */
  cancellation: CancellationWindow;
  /** How long a coverage change takes to be in effect, in milliseconds of scenario time. */
  coveragePropagationMs: number;
  /** Queues a native event, delivered after the call succeeds. */
  emit(draft: NativeEventDraft): void;
  /** Names the resources of the call in its CloudTrail record. */
  trail(resources: TrailResource[]): void;
}

/**
 * An operation handler: takes the input as bound from the wire and validated against the
 * operation's input shape (casts to that shape are safe; timestamps are epoch seconds) and returns
 * the output with timestamps as `Date`s.
 */
export type Handler = (input: Record<string, unknown>, context: HandlerContext) => Promise<Record<string, unknown>>;

/**
 * Cuts one page out of a full result list: an opaque `nextToken` while more results remain. A token
 * from another operation, or forged, is refused with ValidationException naming `nextToken`.
 *
 * @param items - the full, stably ordered result list
 * @param input - the request's `nextToken` and `maxResults`
 * @param operation - binds tokens to the operation that issued them
 * @param pageSize - the default (and largest) page
 */
export function paginate<T>(
  items: T[],
  input: Record<string, unknown>,
  operation: string,
  pageSize: number,
): { page: T[]; nextToken?: string } {
  const size = typeof input.maxResults === 'number' ? input.maxResults : pageSize;
  let start = 0;
  if (typeof input.nextToken === 'string' && input.nextToken !== '') {
    try {
      const parsed = JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as {
        o?: unknown;
        i?: unknown;
      };
      if (parsed.o !== operation || typeof parsed.i !== 'number' || !Number.isInteger(parsed.i) || parsed.i < 0)
        throw new Error('foreign token');
      start = parsed.i;
    } catch {
      throw fail.invalidField('nextToken', 'the pagination token is invalid');
    }
  }
  const next = start + size;
  const page = items.slice(start, next);
  return next < items.length
    ? { page, nextToken: Buffer.from(JSON.stringify({ o: operation, i: next })).toString('base64url') }
    : { page };
}
