import type { Policy } from '../domain/policy/policy';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';
import { executorsOf } from '../use-cases/effects/effect';
import { observeSubjects } from '../use-cases/pipeline/observe-subjects';
import { policyPlanner } from '../use-cases/reactions/reaction-table';
import { authorityUnder } from './authority';
import type { Capabilities, PortsOf } from './capabilities/capabilities';
import { subjectsOf } from './readers';
import { dueAtUnder } from './subjects';

/**
 * A function's pipeline, composed once per cold start from its capabilities and ports under its policy:
 * its subject registry, its executor table, the authority that checks the entries it reads back from the
 * table (the history and the policy in force), and the pipeline that records and reacts with them, due
 * again at its subjects' deadlines.
 */
export const pipelineOf = <C extends Capabilities>(
  capabilities: C,
  ports: PortsOf<C>,
  { store, clock, policy }: { readonly store: StateStore; readonly clock: Clock; readonly policy: Policy },
) => {
  const subjects = subjectsOf(capabilities.readers, ports);
  const executors = executorsOf(capabilities.effects, ports);
  const authority = authorityUnder(policy, store, executors);
  const observe = observeSubjects({
    store,
    clock,
    subjects,
    executors,
    plan: policyPlanner(policy),
    authority,
    dueAt: dueAtUnder(policy),
  });
  return { subjects, executors, authority, observe };
};
