import type { OrganizationsReader } from '../../ports/organizations';
import type { ObserveRequest, ObserveResult } from '../pipeline/observe-subjects';

export interface ReceivedInvitationsDeps {
  readonly observe: (request: ObserveRequest) => Promise<ObserveResult>;
  readonly organizations: () => OrganizationsReader;
}

/**
 * The billing-transfer invitations this organization's management account received. Another
 * organization's invitation is logged in that organization's trail: no event reaches this one, so
 * each sweep lists them (one ListHandshakesForAccount) and feeds them, with their transfers, to the
 * pipeline. Unchanged ones cost one batch read; a scheduled event delivered twice is processed once.
 */
export const pollReceivedInvitations =
  (deps: ReceivedInvitationsDeps) =>
  async (
    scheduledEventId: string,
    remaining: () => number,
  ): Promise<{ readonly found: number; readonly outcome: string }> => {
    let found = 0;
    const result = await deps.observe({
      cause: { eventId: `inbox:${scheduledEventId}`, eventName: 'ReceivedInvitations', source: 'orgwarden.sweep' },
      subjects: [],
      // Listed only when this run was not processed before.
      discover: async () => {
        const received = await deps.organizations().listReceivedHandshakes('TRANSFER_RESPONSIBILITY');
        found = received.length;
        return [
          ...received.map((data) => ({ ref: { kind: 'handshake', id: data.id }, data })),
          ...received.flatMap((data) => (data.transferId ? [{ ref: { kind: 'transfer', id: data.transferId } }] : [])),
        ];
      },
      remainingMs: remaining(),
    });
    return { found, outcome: result.outcome };
  };
