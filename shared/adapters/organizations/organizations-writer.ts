import {
  CancelHandshakeCommand,
  DeclineHandshakeCommand,
  DescribeHandshakeCommand,
  HandshakeAlreadyInStateException,
  InvalidHandshakeTransitionException,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { HandshakeAnswer, OrganizationsWriter } from '../../ports/organizations';
import { classifyAwsError } from '../aws-errors';

const open = new Set(['OPEN', 'REQUESTED']);

/**
 * Answers handshakes with the real client. CancelHandshake and DeclineHandshake take no
 * idempotency token: the handshake is re-read first, and a handshake already closed (by a
 * previous attempt, or by anyone) counts as done.
 */
export class AwsOrganizationsWriter implements OrganizationsWriter {
  constructor(private readonly client: OrganizationsClient) {}

  cancelHandshake(handshakeId: string): Promise<HandshakeAnswer> {
    return this.answer(handshakeId, 'CancelHandshake', () =>
      this.client.send(new CancelHandshakeCommand({ HandshakeId: handshakeId })),
    );
  }

  declineHandshake(handshakeId: string): Promise<HandshakeAnswer> {
    return this.answer(handshakeId, 'DeclineHandshake', () =>
      this.client.send(new DeclineHandshakeCommand({ HandshakeId: handshakeId })),
    );
  }

  private async answer(handshakeId: string, what: string, call: () => Promise<unknown>): Promise<HandshakeAnswer> {
    const stateNow = async (): Promise<string | undefined> =>
      (await this.client.send(new DescribeHandshakeCommand({ HandshakeId: handshakeId }))).Handshake?.State;
    try {
      const before = await stateNow();
      if (before && !open.has(before)) return { alreadyClosed: before };
      await call();
      return { answered: true };
    } catch (error) {
      if (error instanceof HandshakeAlreadyInStateException || error instanceof InvalidHandshakeTransitionException) {
        // Closed meanwhile, maybe by this very call (its answer lost, the SDK's retry refused): a
        // re-read that fails for now is retried later, never taken for a refusal of the call.
        let after: string | undefined;
        try {
          after = await stateNow();
        } catch (readError) {
          throw classifyAwsError(readError, `DescribeHandshake ${handshakeId} after ${what} answered ${error.name}`);
        }
        if (after && !open.has(after)) return { alreadyClosed: after };
      }
      throw classifyAwsError(error, `${what} ${handshakeId}`);
    }
  }
}
