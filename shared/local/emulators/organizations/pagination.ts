import { fail } from './errors';

/** The largest page, and the default one: MaxResults is 1..20 in the model. */
const MAX_PAGE = 20;

/**
 * Cuts one page out of a full result list, the way List* operations do: an opaque NextToken while
 * more results remain, none on the last page. A token from another operation, or forged, is
 * rejected with InvalidInputException INVALID_NEXT_TOKEN.
 *
 * @param items - the full, stably ordered result list
 * @param input - the request's NextToken and MaxResults
 * @param operation - binds tokens to the operation that issued them
 */
export function paginate<T>(
  items: T[],
  input: Record<string, unknown>,
  operation: string,
): { page: T[]; NextToken?: string } {
  const size = typeof input.MaxResults === 'number' ? input.MaxResults : MAX_PAGE;
  const start = typeof input.NextToken === 'string' ? decodeToken(input.NextToken, operation) : 0;
  const page = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { page, NextToken: encodeToken(next, operation) } : { page };
}

function encodeToken(offset: number, operation: string): string {
  return Buffer.from(JSON.stringify({ o: operation, i: offset })).toString('base64url');
}

function decodeToken(token: string, operation: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; i?: unknown };
    if (parsed.o === operation && typeof parsed.i === 'number' && Number.isInteger(parsed.i) && parsed.i >= 0)
      return parsed.i;
  } catch {
    // fall through: an unreadable token is as invalid as a foreign one
  }
  throw fail.invalidInput('INVALID_NEXT_TOKEN', 'The NextToken value is invalid.');
}
