import { checkCoverage } from '../../use-cases/coverage/check-coverage';
import { confirmCoverage } from '../../use-cases/coverage/confirm-coverage';
import { coverAccount } from '../../use-cases/coverage/cover-account';
import { alertUnrecognized, publish } from '../../use-cases/effects/publish';
import { cancelHandshake, declineHandshake } from '../../use-cases/effects/answer-handshake';
import { openCase } from '../../use-cases/effects/open-case';
import { associateMacieMember } from '../../use-cases/macie/associate-member';
import { restoreMembership } from '../../use-cases/memberships/restore-membership';
import {
  auditRunReaders,
  coverageReaders,
  delegationReaders,
  macieReaders,
  membershipReaders,
  organizationsReaders,
  placementReaders,
} from '../readers';
import { capabilities } from './capabilities';

/**
 * The audit reads every kind (the organization's tree, Security IR memberships and coverage, Macie
 * members in every watched Region) and reacts as each event would have had it.
 */
export const auditCapabilities = capabilities({
  readers: [
    organizationsReaders,
    placementReaders,
    delegationReaders,
    membershipReaders,
    macieReaders,
    coverageReaders,
    auditRunReaders,
  ],
  effects: [
    publish,
    alertUnrecognized,
    cancelHandshake,
    declineHandshake,
    openCase,
    checkCoverage,
    coverAccount,
    confirmCoverage,
    restoreMembership,
    associateMacieMember,
  ],
  // Its listings (the organization's tree, Security IR's memberships and coverage) and its own continuations.
  adapters: ['store', 'organizationsLister', 'securityIrLister', 'auditContinuations', 'deadLetters'],
});
