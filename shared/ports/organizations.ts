import type { AccountData } from '../domain/subjects/account';
import type { HandshakeAction, HandshakeData } from '../domain/subjects/handshake';

/**
 * Reads the truth from AWS Organizations. Errors: `UpstreamRejectedError` for refusals a retry will
 * not change, `UpstreamUnavailableError` for throttling and 5xx.
 */
export interface OrganizationsReader {
  /** The handshake; `undefined` when the API does not know it (never existed, or closed over 30 days ago). */
  describeHandshake(handshakeId: string): Promise<HandshakeData | undefined>;
  /** Handshakes the organization still lists (closed ones disappear 30 days after closing). */
  listHandshakes(action?: HandshakeAction): Promise<HandshakeData[]>;
  /** The account as a member; `undefined` when it is not in the organization. */
  describeAccount(accountId: string): Promise<AccountData | undefined>;
}
