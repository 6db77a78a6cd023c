import type { Policy } from '../domain/policy/policy';
import { subjectTypes } from '../domain/subjects/catalog';
import type { StateStore } from '../ports/state-store';
import { historyAuthority, type EffectAuthority } from '../use-cases/effects/authorize-effects';
import type { Executors } from '../use-cases/effects/effect';
import { plannerInForce } from '../use-cases/reactions/reaction-table';

/**
 * The authority every function checks the entries it reads back from the table against: the history,
 * and what the policy it runs under plans for it (the first import's baseline included). Any kind
 * declared in the catalog can be authorized, whichever subjects the function re-reads itself.
 */
export const authorityUnder = (policy: Policy, store: StateStore, executors: Executors): EffectAuthority =>
  historyAuthority({ store, typeOf: (kind) => subjectTypes.get(kind), plan: plannerInForce(policy), executors });
