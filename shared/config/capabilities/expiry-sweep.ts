import { checkCoverage } from '../../use-cases/coverage/check-coverage';
import { confirmCoverage } from '../../use-cases/coverage/confirm-coverage';
import { coverAccount } from '../../use-cases/coverage/cover-account';
import { alertUnrecognized, publish } from '../../use-cases/effects/publish';
import { cancelHandshake, declineHandshake } from '../../use-cases/effects/answer-handshake';
import { openCase } from '../../use-cases/effects/open-case';
import { associateMacieMember } from '../../use-cases/macie/associate-member';
import { restoreMembership } from '../../use-cases/memberships/restore-membership';
import { membershipReaders, organizationsReaders } from '../readers';
import { capabilities } from './capabilities';

/**
 * The sweep re-reads the subjects that fall due (handshakes, transfers, cancelled memberships) and
 * takes over ANY kind's unfinished ledger entries: it carries out every effect any function plans
 * (test/use-cases/executor-coverage.test.ts holds it to that).
 */
export const expirySweepCapabilities = capabilities({
  readers: [organizationsReaders, membershipReaders],
  effects: [
    publish,
    alertUnrecognized,
    cancelHandshake,
    declineHandshake,
    openCase,
    restoreMembership,
    checkCoverage,
    coverAccount,
    confirmCoverage,
    associateMacieMember,
  ],
  adapters: ['store', 'deadLetters'],
});
