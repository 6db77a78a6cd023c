import { checkCoverage } from '../../use-cases/coverage/check-coverage';
import { confirmCoverage } from '../../use-cases/coverage/confirm-coverage';
import { coverAccount } from '../../use-cases/coverage/cover-account';
import { alertUnrecognized, publish } from '../../use-cases/effects/publish';
import { cancelHandshake, declineHandshake } from '../../use-cases/effects/answer-handshake';
import { openCase } from '../../use-cases/effects/open-case';
import { delegationReaders, organizationsReaders, placementReaders } from '../readers';
import { capabilities } from './capabilities';

/**
 * Organizations handshakes, accounts and billing transfers; where each account sits (MoveAccount, and
 * with every change of its membership); who administers each service. An account that joins or moves
 * is checked for Security IR coverage.
 */
export const handshakeChangedCapabilities = capabilities({
  readers: [organizationsReaders, placementReaders, delegationReaders],
  effects: [
    publish,
    alertUnrecognized,
    cancelHandshake,
    declineHandshake,
    openCase,
    checkCoverage,
    coverAccount,
    confirmCoverage,
  ],
  adapters: ['store', 'deadLetters'],
});
