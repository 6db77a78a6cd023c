import { SubjectNotFoundError } from '../../shared/domain/errors';
import type { PublishedEvent } from '../../shared/domain/published-events';
import type { AccountData } from '../../shared/domain/subjects/account';
import { handshakeSubject, type HandshakeData } from '../../shared/domain/subjects/handshake';
import type { Clock } from '../../shared/ports/clock';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { OrganizationsReader } from '../../shared/ports/organizations';

/** An Organizations whose truth the test sets directly. */
export class FakeOrganizations implements OrganizationsReader {
  readonly handshakes = new Map<string, HandshakeData>();
  readonly accounts = new Map<string, AccountData>();
  reads = 0;

  describeHandshake(id: string): Promise<HandshakeData> {
    this.reads++;
    const found = this.handshakes.get(id);
    return found ? Promise.resolve(found) : Promise.reject(new SubjectNotFoundError(handshakeSubject(id)));
  }

  listHandshakes(action?: HandshakeData['action']): Promise<HandshakeData[]> {
    return Promise.resolve([...this.handshakes.values()].filter((h) => !action || h.action === action));
  }

  describeAccount(id: string): Promise<AccountData> {
    return Promise.resolve(this.accounts.get(id) ?? { id, state: 'DEPARTED' });
  }
}

export class RecordingPublisher implements EventPublisher {
  readonly published: PublishedEvent[] = [];
  failNext = 0;

  publish(events: readonly PublishedEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error('publish failed'));
    }
    this.published.push(...events);
    return Promise.resolve();
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

export const handshake = (id: string, state: HandshakeData['state'], target = '222222222222'): HandshakeData => ({
  id,
  arn: `arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/${id}`,
  action: 'INVITE',
  state,
  parties: [
    { id: 'o-exampleorgid', type: 'ORGANIZATION' },
    { id: target, type: 'ACCOUNT' },
  ],
  requestedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2026-11-16T00:00:00.000Z',
});
