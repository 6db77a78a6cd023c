import type { AccountData } from '../domain/subjects/account';
import type { HandshakeAction, HandshakeData } from '../domain/subjects/handshake';
import type { TransferData } from '../domain/subjects/transfer';

/** What a listing returned: everything, or (a page failed after the SDK's retries) what it had so far. */
export interface Listing<T> {
  readonly items: readonly T[];
  /** False when a page failed: nothing missing from `items` may be taken as gone. */
  readonly complete: boolean;
  /** The API calls the listing made (pages). */
  readonly calls: number;
  readonly error?: string;
}

/** A member account and the id of the root or OU it was listed under. */
export interface PlacedAccount {
  readonly account: AccountData;
  readonly parentId: string;
}

/**
 * Reads the truth from AWS Organizations, as orgwarden's organization sees it (handshakes and
 * transfers carry their direction and counterparties). Errors: `UpstreamRejectedError` for refusals
 * a retry will not change, `UpstreamUnavailableError` for throttling and 5xx.
 */
export interface OrganizationsReader {
  /** The handshake; `undefined` when the API does not know it (never existed, or closed over 30 days ago). */
  describeHandshake(handshakeId: string): Promise<HandshakeData | undefined>;
  /** Handshakes the organization sent that it still lists (closed ones disappear 30 days after closing). */
  listHandshakes(action?: HandshakeAction): Promise<HandshakeData[]>;
  /** Handshakes the management account received (billing-transfer invitations): no event announces them. */
  listReceivedHandshakes(action?: HandshakeAction): Promise<HandshakeData[]>;
  /** The account as a member; `undefined` when it is not in the organization. */
  describeAccount(accountId: string): Promise<AccountData | undefined>;
  /**
   * Every member account with the parent it sits in, by walking the organization's tree: ListRoots,
   * then for each root and OU ListOrganizationalUnitsForParent and ListAccountsForParent (pages of 20,
   * the API's maximum; each account as DescribeAccount describes it). A page that failed leaves the
   * listing incomplete: an account missing from it may sit under a parent not read.
   */
  listAccountsByParent(): Promise<Listing<PlacedAccount>>;
  /** The transfer with its phase at `now`; `undefined` when the API does not know it. */
  describeTransfer(transferId: string, now: Date): Promise<TransferData | undefined>;
  /** Every inbound and outbound billing transfer the API lists, with their phases at `now`. */
  listTransfers(now: Date): Promise<TransferData[]>;
}

/** The answers to a handshake orgwarden can give: the call, or the state the handshake was already in. */
export type HandshakeAnswer = { readonly answered: true } | { readonly alreadyClosed: string };

/** Changes handshakes (under `enforce`): refusals a retry cannot change are `UpstreamRejectedError`. */
export interface OrganizationsWriter {
  /** Cancels a handshake this organization sent. */
  cancelHandshake(handshakeId: string): Promise<HandshakeAnswer>;
  /** Declines a handshake this organization received. */
  declineHandshake(handshakeId: string): Promise<HandshakeAnswer>;
}
