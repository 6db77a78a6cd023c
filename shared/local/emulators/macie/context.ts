import { fail } from './errors';
import type { RegionState } from './state';
import type { OrganizationMembership, SessionRecord } from './types';
import type { MacieWorld } from './world';

/** What an operation handler gets besides its (already validated) input. */
export interface HandlerContext {
  /** Macie in the request's region. */
  state: RegionState;
  /** The 12-digit account id of the caller. */
  caller: string;
  /** The scenario clock's time for this request. */
  now: Date;
  organization?: OrganizationMembership;
  /** Suspended accounts and disabled Regions: settle a member after changing its status. */
  world: MacieWorld;
  /** See `MacieEmulatorOptions.emailVerificationSeconds`. */
  emailVerificationSeconds: number;
}

/**
 * An operation handler: takes the input as bound from the wire and validated against the
 * operation's input shape (casts to that shape are safe) and returns the output with timestamps as
 * `Date`s; those that read the organization are async.
 */
export type Handler = (
  input: Record<string, unknown>,
  context: HandlerContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** The caller's Macie session; AccessDeniedException "Macie is not enabled." when it has none. */
export function sessionOf(context: HandlerContext): SessionRecord {
  const session = context.state.sessions.get(context.caller);
  if (!session) throw fail.notEnabled();
  return session;
}

/** Whether `accountId` belongs to the organization (never, without one). */
export async function isOrganizationMember(context: HandlerContext, accountId: string): Promise<boolean> {
  return context.organization ? await context.organization.isMember(accountId) : false;
}

/** A 12-digit account id, or ValidationException naming the field (the model has no pattern for it). */
export function accountIdIn(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value))
    throw fail.validation(`${field}: an AWS account id has 12 digits.`);
  return value;
}

/**
 * Cuts one page out of a full result list: an opaque `nextToken` while more results remain. A token
 * from another operation, or forged, is refused with ValidationException naming `nextToken`.
 *
 * @param items - the full, stably ordered result list
 * @param input - the request's `nextToken` and `maxResults`
 * @param operation - binds tokens to the operation that issued them
 * @param pageSize - the default page; the model caps `maxResults` at 25
 */
export function paginate<T>(
  items: T[],
  input: Record<string, unknown>,
  operation: string,
  pageSize = 25,
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
      throw fail.validation('nextToken: the pagination token is invalid.');
    }
  }
  const next = start + size;
  const page = items.slice(start, next);
  return next < items.length
    ? { page, nextToken: Buffer.from(JSON.stringify({ o: operation, i: next })).toString('base64url') }
    : { page };
}
