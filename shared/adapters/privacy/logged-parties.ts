/**
 * The outside parties a log line names by its structure: a handler may log the event it received
 * (POWERTOOLS_LOGGER_LOG_EVENT) before anything is read or published, and an Organizations
 * CloudTrail record names the invitee or the other organization's management account in fields of
 * known shapes. This reads them the way the Organizations reader does (organizations-reader.ts):
 * the parties and account/email resources of an INVITE or TRANSFER_RESPONSIBILITY handshake, the
 * target of an Invite* call, the management accounts of a billing transfer, the counterparties of
 * orgwarden's own handshake data, minus the accounts the line shows to be orgwarden's own (the
 * event's account, its recipient, the caller's account, the function's).
 */
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A field in CloudTrail's lowerCamel or the API's PascalCase. */
const field = (node: Node, name: string): unknown => node[name] ?? node[name.charAt(0).toUpperCase() + name.slice(1)];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const partyType = /^(account|email)$/i;
const outsideAction = /^(invite|transfer_responsibility)$/i;
const ownDetail = /^(management|master)_(account|email)$/i;

interface Found {
  readonly own: Set<string>;
  readonly candidates: Set<string>;
}

const addParty = (found: Found, party: unknown): void => {
  if (!isNode(party)) return;
  const id = text(field(party, 'id'));
  if (id && partyType.test(text(field(party, 'type')) ?? '')) found.candidates.add(id);
};

const handshake = (found: Found, node: Node): void => {
  for (const party of list(field(node, 'parties'))) addParty(found, party);
  const sender = /organizations::(\d{12}):handshake\//.exec(text(field(node, 'arn')) ?? '')?.[1];
  for (const resource of list(field(node, 'resources')).filter(isNode)) {
    const type = text(field(resource, 'type')) ?? '';
    const value = text(field(resource, 'value'));
    if (value && partyType.test(type)) found.candidates.add(value);
    // A handshake another organization sent names its management account and email.
    if (/^organization$/i.test(type) && sender && !found.own.has(sender)) {
      for (const detail of list(field(resource, 'resources')).filter(isNode)) {
        const detailValue = text(field(detail, 'value'));
        if (detailValue && ownDetail.test(text(field(detail, 'type')) ?? '')) found.candidates.add(detailValue);
      }
    }
  }
};

const visit = (found: Found, node: Node, parentKey: string): void => {
  for (const key of ['account', 'recipientAccountId']) {
    const own = text(node[key]);
    if (own && /^\d{12}$/.test(own)) found.own.add(own);
  }
  if (parentKey === 'userIdentity') found.own.add(text(node.accountId) ?? '');
  const lambda = /^arn:[^:]+:lambda:[^:]*:(\d{12}):/.exec(text(node.function_arn) ?? '')?.[1];
  if (lambda) found.own.add(lambda);
  if (outsideAction.test(text(field(node, 'action')) ?? '') && Array.isArray(field(node, 'parties')))
    handshake(found, node);
  for (const party of list(node.counterparties)) addParty(found, party);
  if (/^Invite/.test(text(node.eventName) ?? '') && isNode(node.requestParameters))
    addParty(found, node.requestParameters.target);
  // A transfer's ends: `Source`/`Target` objects of the API, `source…`/`target…` fields of its service events.
  for (const prefix of ['managementAccount', 'sourceManagementAccount', 'targetManagementAccount']) {
    const account = text(field(node, `${prefix}Id`));
    const email = text(field(node, `${prefix}Email`));
    if (account || email) found.candidates.add(`${account ?? ''}\u0000${email ?? ''}`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (isNode(child)) visit(found, child, key);
    else for (const item of list(child)) if (isNode(item)) visit(found, item, key);
  }
};

/** The account ids and emails of outside parties a logged value names by its structure. */
export const outsidePartiesInLogged = (value: unknown): string[] => {
  if (!isNode(value)) return [];
  const found: Found = { own: new Set(), candidates: new Set() };
  visit(found, value, '');
  const parties: string[] = [];
  for (const candidate of found.candidates) {
    // A transfer participant: both its account and its email, unless the account is our own.
    const [account, email] = candidate.includes('\u0000') ? candidate.split('\u0000') : [candidate, ''];
    if (account && found.own.has(account)) continue;
    parties.push(...[account, email].filter((party): party is string => Boolean(party)));
  }
  return parties;
};
