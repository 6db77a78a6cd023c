import { capabilities } from './capabilities';

/** The replay re-drives the input archive: it reads no subject and carries out no effect. */
export const replayCapabilities = capabilities({
  readers: [],
  effects: [],
  adapters: ['archiveReplays', 'deadLetters'],
});
