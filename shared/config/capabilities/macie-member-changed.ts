import { alertUnrecognized, publish } from '../../use-cases/effects/publish';
import { associateMacieMember } from '../../use-cases/macie/associate-member';
import { macieReaders } from '../readers';
import { capabilities } from './capabilities';

/** Macie members in every watched Region: re-read (and listed), and associated again under enforce. */
export const macieMemberChangedCapabilities = capabilities({
  readers: [macieReaders],
  effects: [publish, alertUnrecognized, associateMacieMember],
  adapters: ['store', 'deadLetters'],
});
