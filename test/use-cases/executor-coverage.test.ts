import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../shared/adapters/permissions';
import type { Capabilities } from '../../shared/config/capabilities/capabilities';
import { functionCapabilities } from '../../shared/config/function-needs';
import { subjectsOf } from '../../shared/config/readers';
import { reactionTable } from '../../shared/use-cases/reactions/reaction-table';

/**
 * What the planners plan for a change of each kind, besides its announcement (`publish`) and the
 * alert of values nobody knows (`alert-unrecognized`): the actions each reaction of orgwarden's table
 * declares (shared/use-cases/reactions/reaction-table.ts; a reaction that plans an action it does not
 * declare throws, test/domain/planning.test.ts).
 */
const plannedByKind = (kind: string): readonly string[] =>
  (Object.hasOwn(reactionTable, kind) ? (reactionTable[kind] ?? []) : []).flatMap((reaction) => reaction.actions);
const plannedForEveryChange = ['publish', 'alert-unrecognized'];

/** Ports that are never called: registering readers only names their kinds. */
const unused = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error('not read here');
    },
  },
);

const kindsOf = (listed: Capabilities): readonly string[] => subjectsOf(listed.readers, unused as never).kinds;
const actionsOf = (listed: Capabilities): Set<string> => new Set(listed.effects.map((effect) => effect.action));
const allEffects = Object.values(functionCapabilities).flatMap((listed) => listed.effects);

/**
 * What a function's changes can leave in the ledger: what its planners plan for its kinds, and the
 * follow-ups the executors of those create (an effect that declares `followUpOf` one of them; every
 * reaction's outcome is announced).
 */
const emittable = (listed: Capabilities): Set<string> =>
  withFollowUps([...plannedForEveryChange, ...kindsOf(listed).flatMap((kind) => plannedByKind(kind))]);

const withFollowUps = (planned: readonly string[]): Set<string> => {
  const actions = new Set(planned);
  for (let grew = true; grew;) {
    grew = false;
    for (const effect of allEffects) {
      if (effect.followUpOf && actions.has(effect.followUpOf.action) && !actions.has(effect.action)) {
        actions.add(effect.action);
        grew = true;
      }
    }
  }
  return actions;
};

const missing = (needed: ReadonlySet<string>, carrier: FunctionName): string[] =>
  [...needed].filter((action) => !actionsOf(functionCapabilities[carrier]).has(action)).sort();

describe('every action a function can leave in the ledger has an executor wherever it may be carried out', () => {
  const eventFunctions = ['handshake-changed', 'membership-changed', 'macie-member-changed', 'audit'] as const;

  it.each(eventFunctions)(
    '%s: in the function itself, in the audit and in the expiry sweep (which takes over any kind)',
    (fn) => {
      // Prepare: what its planners plan for the kinds it reads, and the follow-ups of those.
      const needed = emittable(functionCapabilities[fn]);
      // Act
      const gaps = {
        [fn]: missing(needed, fn),
        audit: missing(needed, 'audit'),
        'expiry-sweep': missing(needed, 'expiry-sweep'),
      };
      // Assess
      expect(gaps).toEqual({ [fn]: [], audit: [], 'expiry-sweep': [] });
    },
  );

  it('the expiry sweep carries out what any kind can leave (it takes over every unfinished entry on the due index)', () => {
    const everything = withFollowUps([
      ...plannedForEveryChange,
      ...Object.values(reactionTable).flatMap((row) => row.flatMap((reaction) => reaction.actions)),
    ]);
    expect(missing(everything, 'expiry-sweep')).toEqual([]);
  });

  it('knows what the planners plan for every declared effect that is planned (not a follow-up, not an announcement)', () => {
    const planned = new Set([
      ...plannedForEveryChange,
      ...Object.values(reactionTable).flatMap((row) => row.flatMap((reaction) => reaction.actions)),
    ]);
    const unplanned = allEffects
      .filter((effect) => !effect.followUpOf && !planned.has(effect.action))
      .map((effect) => effect.action);
    expect([...new Set(unplanned)]).toEqual([]);
  });
});
