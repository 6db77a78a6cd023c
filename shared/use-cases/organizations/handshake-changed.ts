import type { Cause } from '../../domain/cause';
import type { AccountData } from '../../domain/subjects/account';
import type { HandshakeData } from '../../domain/subjects/handshake';
import type { Observation } from '../../domain/snapshot';
import type { OrganizationsReader } from '../../ports/organizations';
import type { OrganizationsEvent } from '../../schemas/organizations-event';
import type { Found, ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';
import { targetsOf, type HandshakeSearch } from './organizations-targets';

export interface HandshakeChangedDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  /** Read lazily: a duplicate delivery never builds or calls the Organizations client. */
  readonly organizations: () => OrganizationsReader;
}

export type HandshakeChangedResult = { readonly ignored: string } | ObserveResult;

/** The cause of an EventBridge event: its id, name and source, when it happened, and its replay. */
export const causeOfEvent = (event: OrganizationsEvent): Cause => ({
  eventId: event.id,
  eventName: event.detail.eventName,
  source: event.source,
  eventTime: event.detail.eventTime ?? event.time,
  ...(event['replay-name'] ? { replayName: event['replay-name'] } : {}),
});

const matches = (handshake: HandshakeData, parties: readonly string[]): boolean =>
  parties.length === 0 || handshake.parties.some((party) => parties.some((wanted) => party.id.toLowerCase() === wanted.toLowerCase()));

const found = (handshakes: readonly HandshakeData[]): Found[] => handshakes.map((data) => ({ ref: { kind: 'handshake', id: data.id }, data }));

/**
 * `handshake-changed`: an Organizations call or service event that can change a handshake or an
 * account. Takes the ids from the record, lets the pipeline re-read and record them, and finds what
 * the record does not name by listing: the invitation an account accepted in its own account
 * (matched by account id or by the email it was sent to), or a handshake whose id CloudTrail blanked.
 */
export const handshakeChanged =
  (deps: HandshakeChangedDeps) =>
  async (event: OrganizationsEvent, remainingMs: number): Promise<HandshakeChangedResult> => {
    const targets = targetsOf(event);
    if ('ignored' in targets) return targets;
    const discover = async (observed: ReadonlyMap<string, Observation>): Promise<Found[]> => {
      const results: Found[] = [];
      for (const search of targets.searches) results.push(...(await searchHandshakes(deps, search)));
      if (targets.joinedAccount) {
        const account = observed.get(`account:${targets.joinedAccount}`)?.data as AccountData | undefined;
        // An account created in the organization accepted no invitation: no listing needed.
        if (account && account.state === 'JOINED' && account.joinedMethod !== 'CREATED') {
          const parties = [account.id, ...(account.email ? [account.email] : [])];
          results.push(...(await searchHandshakes(deps, { action: 'INVITE', parties })));
        }
      }
      return results;
    };
    const needsDiscovery = targets.searches.length > 0 || targets.joinedAccount !== undefined;
    return deps.observe({ cause: causeOfEvent(event), subjects: targets.subjects, ...(needsDiscovery ? { discover } : {}), remainingMs });
  };

const searchHandshakes = async (deps: HandshakeChangedDeps, search: HandshakeSearch): Promise<Found[]> =>
  found((await deps.organizations().listHandshakes(search.action)).filter((h) => matches(h, search.parties)));
