import type { Cause, Observation } from '../../domain/snapshot';
import { accountSubject, type AccountData, accountIdPattern } from '../../domain/subjects/account';
import {
  handshakeType,
  type HandshakeData,
  handshakeIdPattern,
  type HandshakeAction,
} from '../../domain/subjects/handshake';
import type { Clock } from '../../ports/clock';
import type { OrganizationsReader } from '../../ports/organizations';
import {
  type OrganizationsEvent,
  accountEventNames,
  delegationEventNames,
  organizationsEventNames,
  transferEventNames,
  type OrganizationsEventName,
} from '../../schemas/organizations-event';
import {
  runOptionsOf,
  type EventRunOptions,
  type Found,
  type ObserveRequest,
  type ObserveResult,
} from '../pipeline/observe-subjects';
import { MalformedEventError, UnsupportedEventError } from '../../domain/errors';
import { servicePrincipalPattern } from '../../domain/subjects/delegated-admin';
import { transferIdPattern } from '../../domain/subjects/transfer';
import type { SubjectRef } from '../../domain/subjects/subject-type';
import type { StateStore } from '../../ports/state-store';
import { accountAndPlacement, invitationsTo, memberAccountOf } from './membership-targets';

export interface HandshakeChangedDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  /** Read lazily: a duplicate delivery never builds or calls the Organizations client. */
  readonly organizations: () => OrganizationsReader;
  /** orgwarden's records: a join finds the invitation it accepted there (the open invitations by invitee). */
  readonly records: Pick<StateStore, 'findSubjects'>;
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
        // An account created in the organization accepted no invitation. One that was invited accepted
        // one of the open invitations orgwarden recorded to its id or its email: found in its records
        // (one query per key, whatever the organization's size) and re-read with DescribeHandshake. One
        // sent before orgwarden recorded it is the audit's to find, by listing.
        if (account && account.state === 'JOINED' && account.joinedMethod !== 'CREATED') {
          const parties = [account.id, ...(account.email ? [account.email] : [])];
          results.push(...(await invitationsTo(deps.records, parties)));
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

/** A search by listing: the call succeeded but its record carries no handshake id. */
export interface HandshakeSearch {
  readonly action: HandshakeAction;
  /** Parties to match (account ids, organization ids or emails); empty: every listed handshake of the action. */
  readonly parties: readonly string[];
  /** Only handshakes in these states (default: any). */
  readonly states?: readonly string[];
}

/** What an Organizations event tells orgwarden to re-read. */
export type Targets =
  | { readonly ignored: string }
  | {
      readonly subjects: readonly SubjectRef[];
      /**
       * Ids the record names that may be another organization's: the billing-transfer service events
       * reach every account of a transfer chain and name its other links. Read like the others; one
       * this organization's service does not know is ignored with its reason, never an error.
       */
      readonly mentioned?: readonly SubjectRef[];
      readonly searches: readonly HandshakeSearch[];
      /** An account joined: its invitation (by id or email) is found once the account is re-read. */
      readonly joinedAccount?: string;
      /** A transfer call whose record carries no usable transfer id: find it by listing transfers. */
      readonly transferSearch?: boolean;
    };

/** More than this many distinct ids in one record is not a real Organizations record. */
export const maxIdsPerRecord = 10;
/** The walk over a record stops after this many values (the input guard bounds records anyway). */
const maxValuesWalked = 2_000;

/** The billing-transfer service events: sent by AWS to every affected account, not calls of this organization. */
const transferServiceEvents = new Set<string>(['ResponsibilityTransferAccepted', 'ResponsibilityTransferTerminated']);

const searchActionOf: Partial<Record<OrganizationsEventName, HandshakeAction>> = {
  InviteAccountToOrganization: 'INVITE',
  EnableAllFeatures: 'ENABLE_ALL_FEATURES',
};

/** Every string under `root` with the key it was found under: iterative, so no nesting can overflow the stack. */
const leaves = (root: unknown): Array<{ key: string; value: string }> => {
  const found: Array<{ key: string; value: string }> = [];
  const stack: Array<{ key: string; node: unknown }> = [{ key: '', node: root }];
  let walked = 0;
  while (stack.length > 0 && walked++ < maxValuesWalked) {
    const { key, node } = stack.pop()!;
    if (typeof node === 'string') found.push({ key, value: node });
    else if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push({ key, node: node[i] });
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node).reverse()) stack.push({ key: k, node: v });
  }
  return found;
};

const distinct = (values: readonly string[], what: string): string[] => {
  const unique = [...new Set(values)];
  if (unique.length > maxIdsPerRecord)
    throw new MalformedEventError(`the record names ${unique.length} ${what}; at most ${maxIdsPerRecord} are taken`);
  return unique;
};

/**
 * Takes the ids from the record (request parameters, response elements, service event details)
 * without trusting anything else in it. A failed call changed nothing.
 */
export const targetsOf = (event: OrganizationsEvent): Targets => {
  const { detail } = event;
  const eventName = detail.eventName;
  if (!(organizationsEventNames as readonly string[]).includes(eventName)) {
    throw new UnsupportedEventError(`handshake-changed has no reaction for ${detail.eventSource} ${eventName}`);
  }
  if (detail.errorCode) return { ignored: `${eventName} failed with ${detail.errorCode}: nothing changed` };
  const name = eventName as OrganizationsEventName;
  const values = leaves([detail.requestParameters, detail.responseElements, detail.serviceEventDetails]);
  const handshakes = distinct(
    values.filter(({ value }) => handshakeIdPattern.test(value)).map(({ value }) => value),
    'handshake ids',
  ).map((id): SubjectRef => ({ kind: 'handshake', id }));
  const transfers = distinct(
    values.filter(({ value }) => transferIdPattern.test(value)).map(({ value }) => value),
    'transfer ids',
  ).map((id): SubjectRef => ({ kind: 'transfer', id }));

  if (name === 'MoveAccount') {
    // The move is the account's placement changing (its coverage check is planned from that change).
    const account = detail.requestParameters?.accountId;
    if (typeof account !== 'string' || !accountIdPattern.test(account))
      throw new MalformedEventError('MoveAccount names no account in requestParameters.accountId');
    return { subjects: accountAndPlacement(account), searches: [] };
  }
  if ((delegationEventNames as readonly string[]).includes(name)) {
    const servicePrincipal = detail.requestParameters?.servicePrincipal;
    if (typeof servicePrincipal !== 'string' || !servicePrincipalPattern.test(servicePrincipal))
      throw new MalformedEventError(`${name} names no service principal in requestParameters.servicePrincipal`);
    return { subjects: [{ kind: 'delegated-admin', id: servicePrincipal }], searches: [] };
  }
  if (name === 'CreateAccountResult') {
    // A creation that failed made no account; a successful one is recorded (AccountJoinedOrganization follows too).
    const status = (detail.serviceEventDetails?.createAccountStatus ?? {}) as { state?: unknown };
    const state = typeof status.state === 'string' ? status.state : 'without a state';
    if (status.state !== 'SUCCEEDED') return { ignored: `CreateAccountResult ${state}: no account was created` };
    return { subjects: [...accountAndPlacement(memberAccountOf(event)), ...handshakes], searches: [] };
  }
  if ((accountEventNames as readonly string[]).includes(name)) {
    const account = memberAccountOf(event);
    const joined = name === 'AccountJoinedOrganization' && handshakes.length === 0;
    return {
      subjects: [...accountAndPlacement(account), ...handshakes],
      searches: [],
      ...(joined ? { joinedAccount: account } : {}),
    };
  }
  if ((transferEventNames as readonly string[]).includes(name)) {
    // CloudTrail may blank the ids of a transfer's records: then the transfers are listed.
    if (transfers.length === 0 && handshakes.length === 0) return { subjects: [], searches: [], transferSearch: true };
    // A service event (not a call this organization made) reaches every account of a chain: its
    // transfer chain names transfers between other organizations (AWS's own example carries two).
    // Which id is this organization's only the API can tell, so each is read and a stranger's ignored.
    if (transferServiceEvents.has(name))
      return { subjects: [], mentioned: [...transfers, ...handshakes], searches: [] };
    return { subjects: [...transfers, ...handshakes], searches: [] };
  }
  // Starting to enable all features cancels every pending invitation, with no CancelHandshake record.
  const cancelledInvitations: HandshakeSearch[] =
    name === 'EnableAllFeatures' ? [{ action: 'INVITE', parties: [], states: ['CANCELED'] }] : [];
  if (handshakes.length > 0 || transfers.length > 0)
    return { subjects: [...handshakes, ...transfers], searches: cancelledInvitations };
  if (name === 'InviteOrganizationToTransferResponsibility')
    return { subjects: [], searches: [{ action: 'TRANSFER_RESPONSIBILITY', parties: [] }], transferSearch: true };
  const action = searchActionOf[name];
  if (!action) throw new MalformedEventError(`${name} names no handshake id in requestParameters or responseElements`);
  // A redacted party (`****`, HIDDEN_DUE_TO_SECURITY_REASONS) matches nothing: search every listed one.
  const parties = distinct(
    leaves(detail.requestParameters)
      .filter(({ key, value }) => key === 'id' && !/^\*+$|^HIDDEN_/.test(value))
      .map(({ value }) => value),
    'parties',
  );
  return { subjects: [], searches: [{ action, parties }, ...cancelledInvitations] };
};
