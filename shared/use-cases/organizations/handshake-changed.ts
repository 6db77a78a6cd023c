import type { Cause, Observation } from '../../domain/snapshot';
import { accountSubject, type AccountData } from '../../domain/subjects/account';
import { handshakeType, type HandshakeData } from '../../domain/subjects/handshake';
import type { Clock } from '../../ports/clock';
import type { OrganizationsReader } from '../../ports/organizations';
import type { OrganizationsEvent } from '../../schemas/organizations-event';
import {
  runOptionsOf,
  type EventRunOptions,
  type Found,
  type ObserveRequest,
  type ObserveResult,
} from '../pipeline/observe-subjects';
import { targetsOf, type HandshakeSearch } from './organizations-targets';

export interface HandshakeChangedDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  /** Read lazily: a duplicate delivery never builds or calls the Organizations client. */
  readonly organizations: () => OrganizationsReader;
  readonly clock: Clock;
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

const matches = (handshake: HandshakeData, search: HandshakeSearch): boolean =>
  (!search.states || search.states.includes(handshake.state)) &&
  (search.parties.length === 0 ||
    handshake.parties.some((party) =>
      search.parties.some((wanted) => party.id.toLowerCase() === wanted.toLowerCase()),
    ));

/** The transfers TRANSFER_RESPONSIBILITY handshakes invite to: read with them. */
const transfersOf = (handshakes: Iterable<{ readonly action?: unknown; readonly transferId?: unknown }>): Found[] =>
  [...handshakes].flatMap((data) =>
    data.action === 'TRANSFER_RESPONSIBILITY' && typeof data.transferId === 'string'
      ? [{ ref: { kind: 'transfer', id: data.transferId } }]
      : [],
  );

/**
 * `handshake-changed`: an Organizations call or service event that can change a handshake, an
 * account (its membership, or where it sits: MoveAccount) or a billing transfer. Takes the ids from the record, lets
 * the pipeline re-read and record
 * them, and finds what the record does not name by listing: the invitation an account accepted in
 * its own account (matched by account id or by the email it was sent to), the invitations that
 * enabling all features cancelled, a handshake or transfer whose id CloudTrail blanked, and the
 * transfer a TRANSFER_RESPONSIBILITY handshake belongs to.
 */
export const handshakeChanged =
  (deps: HandshakeChangedDeps) =>
  async (
    event: OrganizationsEvent,
    remainingMs: number,
    options: EventRunOptions = {},
  ): Promise<HandshakeChangedResult> => {
    const targets = targetsOf(event);
    if ('ignored' in targets) return targets;
    const discover = async (observed: ReadonlyMap<string, Observation>): Promise<Found[]> => {
      const results: Found[] = [];
      // The handshakes found by listing, as read (their transfers are read with them).
      const listedHandshakes: HandshakeData[] = [];
      for (const search of targets.searches) {
        const listed = (await deps.organizations().listHandshakes(search.action)).filter((h) => matches(h, search));
        listedHandshakes.push(...listed);
        results.push(...listed.map((data) => ({ ref: { kind: 'handshake', id: data.id }, data })));
      }
      if (targets.joinedAccount) {
        const account = observed.get(accountSubject(targets.joinedAccount))?.data as AccountData | undefined;
        // An account created in the organization accepted no invitation: no listing needed.
        if (account && account.state === 'JOINED' && account.joinedMethod !== 'CREATED') {
          const parties = [account.id, ...(account.email ? [account.email] : [])];
          const listed = (await deps.organizations().listHandshakes('INVITE')).filter((h) =>
            matches(h, { action: 'INVITE', parties }),
          );
          listedHandshakes.push(...listed);
          results.push(...listed.map((data) => ({ ref: { kind: 'handshake', id: data.id }, data })));
        }
      }
      if (targets.transferSearch) {
        results.push(
          ...(await deps.organizations().listTransfers(deps.clock.now())).map((data) => ({
            ref: { kind: 'transfer', id: data.id },
            data,
          })),
        );
      }
      const observedHandshakes = [...observed.values()].filter((o) => o.kind === handshakeType.kind).map((o) => o.data);
      const handshakes = [...observedHandshakes, ...listedHandshakes];
      return [...results, ...transfersOf(handshakes)];
    };
    return deps.observe({
      cause: causeOfEvent(event),
      subjects: targets.subjects,
      ...(targets.mentioned ? { mentioned: targets.mentioned } : {}),
      discover,
      remainingMs,
      ...runOptionsOf(event, options),
    });
  };
