import type { AccountData } from '../domain/subjects/account';
import type { HandshakeData } from '../domain/subjects/handshake';

/**
 * Reads the truth from AWS Organizations. Errors: `SubjectNotFoundError` when the id is unknown,
 * `UpstreamRejectedError` for refusals a retry will not change, `UpstreamUnavailableError` for
 * throttling and 5xx.
 */
export interface OrganizationsReader {
  describeHandshake(handshakeId: string): Promise<HandshakeData>;
  /** Handshakes the organization still lists (closed ones disappear 30 days after closing). */
  listHandshakes(action?: HandshakeData['action']): Promise<HandshakeData[]>;
  /** The account as a member; `DEPARTED` (with the id only) when it is not in the organization. */
  describeAccount(accountId: string): Promise<AccountData>;
}
