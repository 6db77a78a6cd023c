import { alertUnrecognized, publish } from '../../use-cases/effects/publish';
import { restoreMembership } from '../../use-cases/memberships/restore-membership';
import { membershipReaders } from '../readers';
import { capabilities } from './capabilities';

/** Security IR memberships: re-read, and a cancellation restored under enforce. */
export const membershipChangedCapabilities = capabilities({
  readers: [membershipReaders],
  effects: [publish, alertUnrecognized, restoreMembership],
  adapters: ['store', 'deadLetters'],
});
