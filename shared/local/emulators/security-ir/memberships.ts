import { deactivationOf } from './cancellation';
import type { NativeEventDraft } from './cloudtrail';
import { paginate, type Handler, type HandlerContext } from './context';
import { accountDetails, applyPendingCoverage, noteCoverage, scheduleCoverage } from './coverage';
import { fail } from './errors';
import type { SecurityIrState } from './state';
import type { MembershipRecord } from './types';

const MEMBERSHIP = 'membership';

/**
 * Applies what time brings by `now`: coverage changes whose propagation delay has passed take
 * effect; cancelled memberships whose deactivation time has come become Terminated, with their
 * `Membership Terminated` events timed at that instant (not at the tick that noticed it).
 */
export function applyTime(state: SecurityIrState, now: Date): NativeEventDraft[] {
  const drafts: NativeEventDraft[] = [];
  for (const membership of state.memberships.values()) {
    applyPendingCoverage(membership, now);
    if (
      membership.status !== 'Cancelled' ||
      !membership.deactivatedAt ||
      membership.deactivatedAt.getTime() > now.getTime()
    )
      continue;
    drafts.push(terminate(state, membership, membership.deactivatedAt));
  }
  return drafts;
}

/** When {@link applyTime} has something to change: each pending coverage change, each cancelled membership's end. */
export function timeEffectsOf(state: SecurityIrState): Date[] {
  return [...state.memberships.values()].flatMap((membership) => [
    ...membership.pendingCoverage.map((pending) => pending.at),
    ...(membership.status === 'Cancelled' && membership.deactivatedAt ? [membership.deactivatedAt] : []),
  ]);
}

/**
 * Ends a membership at `at` (its deactivation time), for good: it covers nothing, its cases are out
 * of reach and undo is refused. Returns its `Membership Terminated` event, timed at `at`.
 */
export function terminate(state: SecurityIrState, membership: MembershipRecord, at: Date): NativeEventDraft {
  membership.status = 'Terminated';
  membership.deactivatedAt = at;
  membership.pendingCoverage = [];
  return { ...membershipEvent(state, membership, 'Membership Terminated'), at };
}

function membershipEvent(state: SecurityIrState, membership: MembershipRecord, detailType: string): NativeEventDraft {
  return {
    detailType,
    account: membership.accountId,
    resource: state.membershipArn(membership),
    detail: { membershipId: membership.id },
  };
}

/** A membership of the caller; another account's is as unknown as a missing one. */
function own(context: HandlerContext, membershipId: string): MembershipRecord {
  const membership = context.state.memberships.get(membershipId);
  if (!membership || membership.accountId !== context.caller) throw fail.notFound(MEMBERSHIP, membershipId);
  return membership;
}

/**
 * CreateMembership. "There is a one to one relationship with AWS Organizations and your AWS Security
 * Incident Response membership" (user guide, "Adding members"): one live (Active or Cancelled)
 * membership per organization, or per account outside one; resubscribing after termination creates
 * a new membership (user guide, "Cancel Membership"). The refusal is ConflictException naming the
 * existing membership (the docs name no error; the model's error for a clash with existing state).
 * In an organization only the management account or the delegated administrator may hold it.
 */
const createMembership: Handler = async (input, context) => {
  const { state, caller, now } = context;
  const organization = await context.organization?.organizationOf(caller);
  if (organization && caller !== organization.managementAccountId && !context.delegatedAdministrators.has(caller)) {
    throw fail.accessDenied(
      'Only the management account or the delegated administrator can create the organization membership.',
    );
  }
  const live = [...state.memberships.values()].find(
    (m) => m.status !== 'Terminated' && (organization ? m.organizationId === organization.id : m.accountId === caller),
  );
  if (live)
    throw fail.conflict(
      `A membership already exists for this ${organization ? 'organization' : 'account'}: ${live.id}.`,
      live.id,
      MEMBERSHIP,
    );
  if (input.coverEntireOrganization === true && !organization)
    throw fail.invalidField('coverEntireOrganization', 'the account is not in an organization');
  const membership: MembershipRecord = {
    id: state.membershipId(),
    accountId: caller,
    region: context.region,
    name: input.membershipName as string,
    status: 'Active',
    customerType: organization ? 'Organization' : 'Standalone',
    ...(organization ? { organizationId: organization.id } : {}),
    activatedAt: now,
    coverEntireOrganization: input.coverEntireOrganization === true,
    organizationalUnits: [],
    // The coverage asked for at creation is in effect at once (a guess: AWS documents the delay for updates).
    effective: { coverEntireOrganization: input.coverEntireOrganization === true, organizationalUnits: [] },
    pendingCoverage: [],
    incidentResponseTeam: input.incidentResponseTeam as unknown[],
    ...(input.optInFeatures ? { optInFeatures: input.optInFeatures as unknown[] } : {}),
    everCovered: new Set(),
  };
  state.memberships.set(membership.id, membership);
  if (input.tags) state.tags.set(state.membershipArn(membership), { ...(input.tags as Record<string, string>) });
  await noteCoverage(membership, context.organization);
  context.emit(membershipEvent(state, membership, 'Membership Created'));
  return { membershipId: membership.id };
};

const getMembership: Handler = async (input, context) => {
  const membership = own(context, input.membershipId as string);
  const covered = await noteCoverage(membership, context.organization);
  const organization = membership.customerType === 'Organization';
  return {
    membershipId: membership.id,
    accountId: membership.accountId,
    region: membership.region,
    membershipName: membership.name,
    membershipArn: context.state.membershipArn(membership),
    membershipStatus: membership.status,
    membershipActivationTimestamp: membership.activatedAt,
    membershipDeactivationTimestamp: membership.deactivatedAt,
    customerType: membership.customerType,
    numberOfAccountsCovered: covered.size,
    incidentResponseTeam: membership.incidentResponseTeam,
    optInFeatures: membership.optInFeatures,
    membershipAccountsConfigurations: organization
      ? {
          coverEntireOrganization: membership.coverEntireOrganization,
          organizationalUnits: [...membership.organizationalUnits],
        }
      : undefined,
  };
};

const listMemberships: Handler = (input, context) => {
  const mine = [...context.state.memberships.values()].filter((m) => m.accountId === context.caller);
  const { page, nextToken } = paginate(mine, input, 'ListMemberships', 25);
  const items = page.map((m) => ({
    membershipId: m.id,
    accountId: m.accountId,
    region: m.region,
    membershipArn: context.state.membershipArn(m),
    membershipStatus: m.status,
  }));
  return Promise.resolve({ items, nextToken });
};

interface AccountsUpdate {
  coverEntireOrganization?: boolean;
  organizationalUnitsToAdd?: string[];
  organizationalUnitsToRemove?: string[];
}

const UPDATE_FIELD = 'membershipAccountsConfigurationsUpdate';

async function applyAccountsUpdate(
  membership: MembershipRecord,
  update: AccountsUpdate,
  context: HandlerContext,
): Promise<void> {
  if (membership.customerType !== 'Organization')
    throw fail.invalidField(UPDATE_FIELD, 'a standalone membership has no organization to cover');
  const add = update.organizationalUnitsToAdd ?? [];
  const remove = update.organizationalUnitsToRemove ?? [];
  // "You cannot add and remove OUs at the same time" (user guide, "Managing membership with OUs").
  if (add.length > 0 && remove.length > 0)
    throw fail.invalidField(UPDATE_FIELD, 'organizational units cannot be added and removed in the same update');
  const entire = update.coverEntireOrganization ?? membership.coverEntireOrganization;
  if (entire && (add.length > 0 || remove.length > 0)) {
    throw fail.invalidField(
      UPDATE_FIELD,
      'the membership covers the entire organization: set coverEntireOrganization to false to choose organizational units',
    );
  }
  for (const [index, ou] of add.entries()) {
    if (!(await context.organization?.accountsUnder(ou)))
      throw fail.invalidField(
        `${UPDATE_FIELD}.organizationalUnitsToAdd[${index}]`,
        `the organization has no organizational unit ${ou}`,
      );
  }
  membership.coverEntireOrganization = entire;
  if (entire) membership.organizationalUnits = [];
  membership.organizationalUnits = [...new Set([...membership.organizationalUnits, ...add])].filter(
    (ou) => !remove.includes(ou),
  );
}

/**
 * UpdateMembership. `undoMembershipCancellation: false` is a ValidationException (API reference).
 * A Terminated membership can no longer be changed or restored: the docs say only that the flag
 * restores a membership "that was marked for cancellation but hasn't been fully terminated yet", not
 * which error the service answers, so the emulator answers the model's
 * SecurityIncidentResponseNotActiveException (the service is no longer active for the account).
 * Undoing the cancellation of a membership that is not cancelled is a ConflictException (choice).
 */
const updateMembership: Handler = async (input, context) => {
  const membership = own(context, input.membershipId as string);
  if (input.undoMembershipCancellation === false)
    throw fail.invalidField('undoMembershipCancellation', 'only true is accepted');
  if (membership.status === 'Terminated')
    throw fail.notActive(`The membership ${membership.id} is terminated and can no longer be updated or restored.`);
  if (input.undoMembershipCancellation === true) {
    if (membership.status !== 'Cancelled')
      throw fail.conflict(`The membership ${membership.id} is not cancelled.`, membership.id, MEMBERSHIP);
    membership.status = 'Active';
    delete membership.deactivatedAt;
  }
  if (input.membershipName !== undefined) membership.name = input.membershipName as string;
  if (input.incidentResponseTeam !== undefined)
    membership.incidentResponseTeam = input.incidentResponseTeam as unknown[];
  if (input.optInFeatures !== undefined) membership.optInFeatures = input.optInFeatures as unknown[];
  if (input[UPDATE_FIELD] !== undefined) {
    await applyAccountsUpdate(membership, input[UPDATE_FIELD] as AccountsUpdate, context);
    scheduleCoverage(membership, context.now, context.coveragePropagationMs);
  }
  await noteCoverage(membership, context.organization);
  context.emit(membershipEvent(context.state, membership, 'Membership Updated'));
  return {};
};

/**
 * CancelMembership: Cancelled now and usable until `membershipDeactivationTimestamp`, then
 * Terminated (see `cancellation.ts` for the windows AWS documents). Under `immediate` the membership
 * is terminated within the same call: the call's events are the cancellation and `Membership
 * Terminated`, both timed now, and undo is refused from then on. Cancelling twice is a ConflictException.
 */
const cancelMembership: Handler = (input, context) => {
  const membership = own(context, input.membershipId as string);
  if (membership.status === 'Terminated') throw fail.notActive(`The membership ${membership.id} is terminated.`);
  if (membership.status === 'Cancelled')
    throw fail.conflict(`The membership ${membership.id} is already cancelled.`, membership.id, MEMBERSHIP);
  membership.status = 'Cancelled';
  membership.deactivatedAt = deactivationOf(context.cancellation, context.now);
  context.emit(membershipEvent(context.state, membership, context.cancellationDetailType));
  if (membership.deactivatedAt.getTime() <= context.now.getTime())
    context.emit(terminate(context.state, membership, context.now));
  return Promise.resolve({ membershipId: membership.id });
};

const batchGetMemberAccountDetails: Handler = async (input, context) => {
  const membership = own(context, input.membershipId as string);
  return { items: await accountDetails(membership, input.accountIds as string[], context.organization), errors: [] };
};

/** Handlers of the membership operations. */
export const membershipHandlers: Record<string, Handler> = {
  CreateMembership: createMembership,
  GetMembership: getMembership,
  ListMemberships: listMemberships,
  UpdateMembership: updateMembership,
  CancelMembership: cancelMembership,
  BatchGetMemberAccountDetails: batchGetMemberAccountDetails,
};
