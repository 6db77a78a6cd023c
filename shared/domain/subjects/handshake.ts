/** AWS Organizations handshakes: what they ask for and the states they go through. */
export const handshakeActions = [
  'INVITE',
  'ENABLE_ALL_FEATURES',
  'APPROVE_ALL_FEATURES',
  'ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE',
  'TRANSFER_RESPONSIBILITY',
] as const;
export type HandshakeAction = (typeof handshakeActions)[number];

export const handshakeStates = ['REQUESTED', 'OPEN', 'ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED'] as const;
export type HandshakeState = (typeof handshakeStates)[number];

/**
 * Possible moves. REQUESTED is the state before the recipient is notified; OPEN once they are.
 * The four closing states are final: an observation that goes back from them is stale.
 */
const next: Record<HandshakeState, readonly HandshakeState[]> = {
  REQUESTED: ['OPEN', 'ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED'],
  OPEN: ['ACCEPTED', 'DECLINED', 'CANCELED', 'EXPIRED'],
  ACCEPTED: [],
  DECLINED: [],
  CANCELED: [],
  EXPIRED: [],
};

export const canHandshakeMove = (from: HandshakeState, to: HandshakeState): boolean => next[from].includes(to);

export const isHandshakeClosed = (state: HandshakeState): boolean => next[state].length === 0;

export interface HandshakeParty {
  readonly id: string;
  readonly type: string;
}

/** What orgwarden keeps of a handshake, as re-read from the API (never from the event payload). */
export interface HandshakeData {
  readonly id: string;
  readonly arn?: string;
  readonly action: HandshakeAction;
  readonly state: HandshakeState;
  readonly parties: readonly HandshakeParty[];
  readonly requestedAt?: string;
  readonly expiresAt?: string;
}

export const handshakeSubject = (id: string): string => `handshake:${id}`;
