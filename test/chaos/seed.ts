import { generatePlan } from './generate';
import { checkInvariants, type Violation } from './invariants';
import type { ChaosPlan } from './plan';
import { runPlan } from './run';

/** How one seed went. */
export interface SeedResult {
  readonly seed: number;
  readonly plan: ChaosPlan;
  readonly violations: readonly Violation[];
  /** Faults injected in the faulty run, by kind. */
  readonly injected: Readonly<Record<string, number>>;
  /** The events the faulty run lost (their names). */
  readonly lost: readonly string[];
  readonly ms: number;
}

/** Plays a seed's plan twice, with its faults and without, and checks the invariants. */
export const runSeed = async (
  seed: number,
  options: { dynamoEndpoint?: string; logLevel?: string } = {},
): Promise<SeedResult> => {
  const began = Date.now();
  const plan = generatePlan(seed);
  const faulty = await runPlan(plan, { ...options, faults: true });
  const twin = await runPlan(plan, { ...options, faults: false });
  return {
    seed,
    plan,
    violations: checkInvariants(faulty, twin),
    injected: faulty.injected,
    lost: faulty.lost,
    ms: Date.now() - began,
  };
};

/** The command that plays one seed again, alone. */
export const reproduceCommand = (seed: number): string => `npm run chaos -- --seed ${seed} --verbose`;
