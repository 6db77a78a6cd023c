import { forgeryKinds } from './forgeries';
import { Random } from './random';
import {
  payee,
  trustedInvitees,
  trustedPayer,
  untrustedInvitees,
  untrustedPayer,
  type ChaosPlan,
  type Mode,
  type PlannedStep,
  type PlanPolicy,
  type Storm,
  type WorldAction,
} from './plan';

/** The world as the generator believes it is: enough to make only steps that make sense. */
interface Model {
  invitations: Array<{ ref: string; account: string; trusted: boolean; open: boolean }>;
  members: Array<{
    ref: string;
    created: boolean;
    parent: 'root' | 'workloads' | 'sandbox';
    active: boolean;
    macie: 'none' | 'Enabled' | 'Removed';
  }>;
  transfers: Array<{
    ref: string;
    party: string;
    received: boolean;
    trusted: boolean;
    state: 'open' | 'accepted' | 'closed';
    start: string;
  }>;
  membership?: 'Active' | 'Cancelled';
  invited: Set<string>;
  created: number;
}

const minute = 60_000;
const hour = 60 * minute;
/** World steps are this far apart: each storm and its recovery (retries, the sweep, the audit) fit in between. */
export const stepSpacingMs = 2 * hour;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The first of a month, at least 3 days after `now` (a billing transfer's start; accepted 24 h before). */
const nextStart = (now: number): string => {
  const date = new Date(now + 3 * 24 * hour);
  return iso(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
};

/**
 * The steps possible in the world as it stands, each with its weight. Steps the policy answers
 * under enforce (an untrusted invitation is cancelled) are not offered on what orgwarden changes.
 */
const candidates = (
  model: Model,
  plan: { policy: PlanPolicy; securityIr: boolean; macie: boolean },
  now: number,
  rng: Random,
): Array<readonly [() => WorldAction, number]> => {
  const out: Array<readonly [() => WorldAction, number]> = [];
  const open = model.invitations.filter((i) => i.open && (i.trusted || plan.policy.untrustedInvitation === 'notify'));
  const fresh = [...trustedInvitees, ...untrustedInvitees].filter((account) => !model.invited.has(account));
  if (fresh.length > 0)
    out.push([() => ({ kind: 'invite', ref: `inv${model.invitations.length + 1}`, account: rng.pick(fresh) }), 4]);
  if (open.length > 0) {
    out.push([() => ({ kind: 'accept', invitation: rng.pick(open).ref }), 3]);
    out.push([() => ({ kind: 'decline', invitation: rng.pick(open).ref }), 1]);
    out.push([() => ({ kind: 'cancel', invitation: rng.pick(open).ref }), 1]);
  }
  if (model.created < 4)
    out.push([
      () => ({
        kind: 'createAccount',
        ref: `acct${model.created + 1}`,
        email: `chaos-${model.created + 1}@example.com`,
      }),
      2,
    ]);
  const active = model.members.filter((m) => m.active);
  if (active.length > 0) {
    out.push([
      () => {
        const member = rng.pick(active);
        return {
          kind: 'move',
          account: member.ref,
          to: rng.pick((['root', 'workloads', 'sandbox'] as const).filter((p) => p !== member.parent)),
        };
      },
      2,
    ]);
    out.push([() => ({ kind: 'close', account: rng.pick(active).ref }), 1]);
  }
  // Accounts created by the organization wait four days before they may leave: only invited ones are removed.
  const removable = active.filter((m) => !m.created);
  if (removable.length > 0) out.push([() => ({ kind: 'remove', account: rng.pick(removable).ref }), 1]);
  const payers = [trustedPayer, untrustedPayer].filter(
    (p) => !model.transfers.some((t) => t.party === p && t.state !== 'closed'),
  );
  if (payers.length > 0)
    out.push([
      () => ({
        kind: 'receiveTransfer',
        ref: `tr${model.transfers.length + 1}`,
        payer: rng.pick(payers),
        start: nextStart(now),
      }),
      2,
    ]);
  if (!model.transfers.some((t) => t.party === payee && t.state !== 'closed'))
    out.push([
      () => ({ kind: 'sendTransfer', ref: `tr${model.transfers.length + 1}`, payee, start: nextStart(now) }),
      1,
    ]);
  const answerable = model.transfers.filter(
    (t) =>
      t.state === 'open' &&
      (t.trusted || plan.policy.untrustedTransfer === 'notify') &&
      Date.parse(t.start) - now > 25 * hour,
  );
  const received = answerable.filter((t) => t.received);
  if (received.length > 0) {
    out.push([() => ({ kind: 'acceptTransfer', transfer: rng.pick(received).ref }), 2]);
    out.push([() => ({ kind: 'declineTransfer', transfer: rng.pick(received).ref }), 1]);
  }
  const sent = answerable.filter((t) => !t.received);
  if (sent.length > 0) out.push([() => ({ kind: 'cancelTransfer', transfer: rng.pick(sent).ref }), 1]);
  const accepted = model.transfers.filter((t) => t.state === 'accepted');
  if (accepted.length > 0) out.push([() => ({ kind: 'terminateTransfer', transfer: rng.pick(accepted).ref }), 1]);
  if (plan.securityIr && model.membership === 'Active') out.push([() => ({ kind: 'cancelMembership' }), 2]);
  if (plan.securityIr && model.membership === 'Cancelled') out.push([() => ({ kind: 'restoreMembership' }), 2]);
  if (plan.macie) {
    const withoutMacie = active.filter((m) => m.created && m.macie === 'none');
    const enabled = active.filter((m) => m.macie === 'Enabled');
    if (withoutMacie.length > 0) out.push([() => ({ kind: 'macieAdd', account: rng.pick(withoutMacie).ref }), 3]);
    if (enabled.length > 0) out.push([() => ({ kind: 'macieRemove', account: rng.pick(enabled).ref }), 3]);
  }
  return out;
};

/** What the step does to the model, orgwarden's enforced reactions included. */
const apply = (model: Model, action: WorldAction, policy: PlanPolicy): void => {
  const invitation = 'invitation' in action ? model.invitations.find((i) => i.ref === action.invitation)! : undefined;
  const transfer = 'transfer' in action ? model.transfers.find((t) => t.ref === action.transfer)! : undefined;
  const member =
    'account' in action && action.kind !== 'invite' ? model.members.find((m) => m.ref === action.account) : undefined;
  switch (action.kind) {
    case 'invite': {
      const trusted = trustedInvitees.includes(action.account);
      model.invited.add(action.account);
      // Under enforce orgwarden cancels an invitation to an untrusted account: nobody answers it.
      model.invitations.push({
        ref: action.ref,
        account: action.account,
        trusted,
        open: trusted || policy.untrustedInvitation === 'notify',
      });
      return;
    }
    case 'accept':
      invitation!.open = false;
      model.members.push({ ref: invitation!.account, created: false, parent: 'root', active: true, macie: 'none' });
      return;
    case 'decline':
    case 'cancel':
      invitation!.open = false;
      return;
    case 'createAccount':
      model.created++;
      model.members.push({ ref: action.ref, created: true, parent: 'root', active: true, macie: 'none' });
      return;
    case 'move':
      member!.parent = action.to;
      return;
    case 'close':
    case 'remove':
      member!.active = false;
      return;
    case 'receiveTransfer':
    case 'sendTransfer': {
      const received = action.kind === 'receiveTransfer';
      const trusted = received && action.payer === trustedPayer;
      const enforced = !trusted && policy.untrustedTransfer === 'enforce';
      model.transfers.push({
        ref: action.ref,
        party: received ? action.payer : action.payee,
        received,
        trusted,
        state: enforced ? 'closed' : 'open',
        start: action.start,
      });
      return;
    }
    case 'acceptTransfer':
      transfer!.state = 'accepted';
      return;
    case 'declineTransfer':
    case 'cancelTransfer':
    case 'terminateTransfer':
      transfer!.state = 'closed';
      return;
    case 'cancelMembership':
      model.membership = policy.restoreCancelledMembership === 'enforce' ? 'Active' : 'Cancelled';
      return;
    case 'restoreMembership':
      model.membership = 'Active';
      return;
    case 'macieAdd':
      member!.macie = 'Enabled';
      return;
    case 'macieRemove':
      member!.macie = policy.macieMember === 'enforce' ? 'Enabled' : 'Removed';
      return;
  }
};

const mode = (rng: Random): Mode => (rng.chance(0.6) ? 'enforce' : 'notify');

/** How hard a seed's storms blow: some seeds are calm (delivery faults only), most are not. */
const storm = (rng: Random, intensity: number): Storm => ({
  minutes: 20,
  api: intensity * rng.pick([0.05, 0.1, 0.2]),
  writes: intensity * rng.pick([0.03, 0.08, 0.15]),
  reads: intensity * rng.pick([0, 0.02, 0.05]),
  putEvents: intensity * rng.pick([0, 0.1, 0.25]),
  drop: rng.pick([0, 0.1, 0.3]),
  duplicate: rng.pick([0, 0.2, 0.5]),
  delay: rng.pick([0, 0.2]),
  reorder: rng.chance(0.5),
  ...(rng.chance(0.25)
    ? { replay: { atMinute: rng.int(2, 15), source: rng.chance(0.7) ? ('archive' as const) : ('journal' as const) } }
    : {}),
});

/**
 * A seed's plan: a policy, a world (invitations sent, accepted, declined, cancelled; accounts
 * created, moved, closed, removed; billing transfers both ways; the Security IR membership cancelled
 * and restored; Macie members added and removed), and a storm of faults after each world step.
 */
export const generatePlan = (seed: number): ChaosPlan => {
  const root = new Random(seed);
  const shape = root.fork('shape');
  const policy: PlanPolicy = {
    untrustedInvitation: mode(shape),
    untrustedTransfer: mode(shape),
    incidentCase: mode(shape),
    restoreCancelledMembership: mode(shape),
    coverageGap: mode(shape),
    macieMember: mode(shape),
  };
  const securityIr = shape.chance(0.7);
  const macie = shape.chance(0.4);
  const intensity = shape.weighted([
    [0, 1],
    [1, 5],
    [2, 2],
  ] as const);
  // Late November: billing transfers start on 1 December, within the world's days.
  const start = Date.UTC(2026, 10, 24 + shape.int(0, 3), 8, 0, 0);
  const model: Model = {
    invitations: [],
    members: [],
    transfers: [],
    invited: new Set(),
    created: 0,
    ...(securityIr ? { membership: 'Active' as const } : {}),
  };
  const world = root.fork('world');
  const faults = root.fork('storms');
  // Drawn apart from the other faults, so that the storms of a seed stay what they were before forgeries.
  const forgeries = root.fork('forgeries');
  const steps: PlannedStep[] = [];
  const count = world.int(6, 12);
  for (let index = 0; index < count; index++) {
    const at = start + 30 * minute + index * stepSpacingMs;
    const options = candidates(model, { policy, securityIr, macie }, at, world);
    const action = world.weighted(options)();
    apply(model, action, policy);
    const forgery = forgeries.chance(0.3)
      ? { forgery: { atMinute: forgeries.int(1, 15), kind: forgeries.pick(forgeryKinds) } }
      : {};
    steps.push({ at: iso(at), action, storm: { ...storm(faults, intensity), ...forgery } });
  }
  const last = Date.parse(steps[steps.length - 1]!.at);
  return { seed, start: iso(start), policy, securityIr, macie, steps, end: iso(last + stepSpacingMs) };
};
