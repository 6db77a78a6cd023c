import { UpstreamRejectedError, UpstreamUnavailableError } from '../../shared/domain/errors';
import type { PublishedEvent } from '../../shared/domain/published-events';
import type { AccountData } from '../../shared/domain/subjects/account';
import type { HandshakeAction, HandshakeData } from '../../shared/domain/subjects/handshake';
import type { TransferData } from '../../shared/domain/subjects/transfer';
import type { AccountDirectory } from '../../shared/ports/account-directory';
import type { Clock } from '../../shared/ports/clock';
import type { EventPublisher, OutgoingEvent, PublishOutcome } from '../../shared/ports/event-publisher';
import type { Listing, OrganizationsReader, PlacedAccount } from '../../shared/ports/organizations';

/** An Organizations whose truth the test sets directly; counts its reads. */
export class FakeOrganizations implements OrganizationsReader {
  readonly handshakes = new Map<string, HandshakeData>();
  readonly accounts = new Map<string, AccountData>();
  readonly transfers = new Map<string, TransferData>();
  /** Handshakes the management account received. */
  readonly received = new Map<string, HandshakeData>();
  reads = 0;

  describeHandshake(id: string): Promise<HandshakeData | undefined> {
    this.reads++;
    return Promise.resolve(this.handshakes.get(id));
  }

  listHandshakes(action?: HandshakeAction): Promise<HandshakeData[]> {
    this.reads++;
    return Promise.resolve([...this.handshakes.values()].filter((h) => !action || h.action === action));
  }

  listReceivedHandshakes(action?: HandshakeAction): Promise<HandshakeData[]> {
    this.reads++;
    return Promise.resolve([...this.received.values()].filter((h) => !action || h.action === action));
  }

  describeAccount(id: string): Promise<AccountData | undefined> {
    this.reads++;
    return Promise.resolve(this.accounts.get(id));
  }

  describeTransfer(id: string): Promise<TransferData | undefined> {
    this.reads++;
    return Promise.resolve(this.transfers.get(id));
  }

  /** Where each account sits (`parents`), the root by default. */
  readonly parents = new Map<string, string>();

  listAccountsByParent(): Promise<Listing<PlacedAccount>> {
    this.reads++;
    const items = [...this.accounts.values()]
      .filter((a) => a.state === 'JOINED')
      .map((account) => ({ account, parentId: this.parents.get(account.id) ?? 'r-fake' }));
    return Promise.resolve({ items, complete: true, calls: 1 });
  }

  listTransfers(): Promise<TransferData[]> {
    this.reads++;
    return Promise.resolve([...this.transfers.values()]);
  }

  /** The same organization as an {@link AccountDirectory} (where a member sits: `parents`, the root by default). */
  directory(): AccountDirectory {
    const member = (id: string) => this.accounts.get(id)?.state === 'JOINED';
    return {
      memberAccount: (accountId) => Promise.resolve(member(accountId) ? { accountId } : undefined),
      parentOf: (accountId) => {
        const parent = this.parents.get(accountId) ?? 'r-fake';
        return Promise.resolve(
          member(accountId)
            ? { id: parent, type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }
            : undefined,
        );
      },
    };
  }
}

/**
 * A publisher that records what it accepted. `failCalls` fails whole calls (as a 500 would, or
 * AccessDenied with `rejected`); `refuse` refuses single entries (a partly failed PutEvents).
 */
export class RecordingPublisher implements EventPublisher {
  readonly published: PublishedEvent[] = [];
  calls = 0;
  failCalls: Array<'unavailable' | 'rejected'> = [];
  refuse: (event: PublishedEvent) => boolean = () => false;

  publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    this.calls++;
    const failure = this.failCalls.shift();
    if (failure === 'unavailable')
      return Promise.reject(new UpstreamUnavailableError('PutEvents: InternalException: 500'));
    if (failure === 'rejected')
      return Promise.reject(new UpstreamRejectedError('PutEvents: AccessDeniedException: not authorized'));
    return Promise.resolve(
      events.map((event): PublishOutcome => {
        if (this.refuse(event as PublishedEvent))
          return { accepted: false, code: 'InternalFailure', message: 'refused' };
        this.published.push(event as PublishedEvent);
        return { accepted: true };
      }),
    );
  }

  /** The dedup keys of what was published, in order. */
  keys(): string[] {
    return this.published.map((event) => String(event.detail.key));
  }
}

export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const handshake = (
  id: string,
  state: HandshakeData['state'],
  target = '222222222222',
  targetType = 'ACCOUNT',
): HandshakeData => ({
  id,
  arn: `arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/${id}`,
  action: 'INVITE',
  state,
  parties: [
    { id: 'o-exampleorgid', type: 'ORGANIZATION' },
    { id: target, type: targetType },
  ],
  counterparties: [{ id: target, type: targetType }],
  direction: 'outbound',
  requestedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2026-11-16T00:00:00.000Z',
});
