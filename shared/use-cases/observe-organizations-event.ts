import type { Cause, Observation } from '../domain/snapshot';
import { accountSubject, canAccountMove, type AccountData } from '../domain/subjects/account';
import { canHandshakeMove, handshakeSubject, type HandshakeData } from '../domain/subjects/handshake';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { OrganizationsReader } from '../ports/organizations';
import type { StateStore } from '../ports/state-store';
import type { OrganizationsEvent } from '../schemas/organizations-event';
import { claimUnfinished, publishClaimed } from './carry-out-effects';
import { targetsOf, type Target } from './organizations-targets';
import { recordObservation, type Recorded } from './record-observation';

export interface ObserveOrganizationsDeps {
  readonly store: StateStore;
  readonly organizations: OrganizationsReader;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
}

export type ObserveResult =
  | { readonly ignored: string }
  | { readonly recorded: readonly Omit<Recorded, 'claimed'>[]; readonly published: number };

const handshakeObservation = (data: HandshakeData, observedAt: string): Observation => ({
  subject: handshakeSubject(data.id),
  kind: 'handshake',
  state: data.state,
  observedAt,
  data: { ...data },
});

const accountObservation = (data: AccountData, observedAt: string): Observation => ({
  subject: accountSubject(data.id),
  kind: 'account',
  state: data.state,
  observedAt,
  data: { ...data },
});

/**
 * The `handshake-changed` reaction: take the ids from an Organizations event, re-read each subject
 * from the API, reconcile it with the stored snapshot, record the change with its history, and
 * publish what changed on orgwarden's bus. Everything is read before anything is written, so an
 * event naming a subject that does not exist writes nothing.
 */
export const observeOrganizationsEvent =
  (deps: ObserveOrganizationsDeps) =>
  async (event: OrganizationsEvent): Promise<ObserveResult> => {
    const found = targetsOf(event);
    if ('ignored' in found) return found;
    const cause: Cause = {
      eventId: event.id,
      eventName: event.detail.eventName,
      source: event.source,
      eventTime: event.detail.eventTime ?? event.time.toString(),
      ...(event['replay-name'] ? { replayName: event['replay-name'] } : {}),
    };
    const observations = (await Promise.all(found.targets.map((target) => observe(deps, target)))).flat();
    const recorded: Recorded[] = [];
    for (const observation of observations) {
      const canMove = observation.kind === 'handshake' ? canHandshakeMove : canAccountMove;
      recorded.push(await recordObservation(deps, observation, canMove as (a: string, b: string) => boolean, cause));
    }
    const claimed = [
      ...recorded.flatMap((r) => r.claimed),
      ...(await claimUnfinished(deps, recorded.filter((r) => r.outcome === 'duplicate').flatMap((r) => r.ledgerIds))),
    ];
    await publishClaimed(deps, claimed);
    return { recorded: recorded.map(({ claimed: _claimed, ...rest }) => rest), published: claimed.length };
  };

const observe = async (deps: ObserveOrganizationsDeps, target: Target): Promise<Observation[]> => {
  const observedAt = deps.clock.now().toISOString();
  switch (target.kind) {
    case 'handshake':
      return [handshakeObservation(await deps.organizations.describeHandshake(target.id), observedAt)];
    case 'account':
      return [accountObservation(await deps.organizations.describeAccount(target.id), observedAt)];
    case 'handshake-search': {
      const listed = await deps.organizations.listHandshakes(target.action);
      const matching = listed.filter((h) => target.partyIds.length === 0 || h.parties.some((p) => target.partyIds.includes(p.id)));
      return matching.map((h) => handshakeObservation(h, observedAt));
    }
  }
};
