import { AwsMacie } from '../adapters/macie/aws-macie';
import { macieMemberType } from '../domain/subjects/macie-member';
import type { AccountDirectory } from '../ports/account-directory';
import type { Clock } from '../ports/clock';
import type { MacieMembers, MacieReader } from '../ports/macie';
import { type Executors, executorsOf } from '../use-cases/effects/effect';
import { associateMacieMember } from '../use-cases/macie/associate-member';
import { readMacieMember } from '../use-cases/macie/read-macie-member';
import { register, type RegisteredSubject } from '../use-cases/pipeline/pipeline-model';
import { clientConfig } from './clients';
import type { Runtime } from './runtime';

/** The Macie member subject with its reader (GetMember in the member's Region). */
export const macieSubjects = (macie: () => MacieReader): RegisteredSubject[] => [
  register(macieMemberType, readMacieMember(macie)),
];

/** The executor of the Macie reaction (associate a member again). */
export const macieExecutors = (macie: () => MacieMembers, accounts: () => AccountDirectory, clock: Clock): Executors =>
  executorsOf([associateMacieMember], { macie, accounts, clock });

/**
 * Macie, one client per Region (made on first use), at the stack's endpoints and credentials. Kept apart from the other
 * builders: only the functions that watch Macie (macie-member-changed, audit) bundle its client.
 */
export const macieClient = (runtime: Runtime): AwsMacie => {
  const { region: _region, ...config } = clientConfig(runtime, 'macie', 'us-east-1');
  return new AwsMacie({ clientConfig: config });
};
