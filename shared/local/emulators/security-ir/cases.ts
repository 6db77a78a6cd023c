import type { NativeEventDraft } from './cloudtrail';
import { paginate, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import type { CaseRecord, CaseStatus, MembershipRecord } from './types';

export { open as openCase, own as ownCase };

const CASE = 'case';
const CASE_TYPE = 'AWS::SecurityResponder::Case';

/**
 * Self-managed status transitions (API reference, UpdateCaseStatus); any status goes to Closed
 * through CloseCase. AWS-supported cases change status through AWS responders only.
 */
const TRANSITIONS: Record<string, readonly CaseStatus[]> = {
  Submitted: ['Detection and Analysis', 'Containment, Eradication and Recovery', 'Post-incident Activities'],
  'Detection and Analysis': ['Containment, Eradication and Recovery', 'Post-incident Activities'],
  'Containment, Eradication and Recovery': ['Detection and Analysis', 'Post-incident Activities'],
  'Post-incident Activities': ['Containment, Eradication and Recovery', 'Detection and Analysis'],
};

/**
 * The caller's membership, which must still be usable (Active, or Cancelled until it ends):
 * once terminated, "you will be unable to view historic case data" (user guide, "Cancel Membership").
 */
function usableMembership(context: HandlerContext): MembershipRecord {
  const membership = [...context.state.memberships.values()].find(
    (m) => m.accountId === context.caller && m.status !== 'Terminated',
  );
  if (!membership) throw fail.notActive();
  return membership;
}

function own(context: HandlerContext, caseId: string): CaseRecord {
  usableMembership(context);
  const record = context.state.cases.get(caseId);
  if (!record || record.accountId !== context.caller) throw fail.notFound(CASE, caseId);
  context.trail([{ accountId: record.accountId, type: CASE_TYPE, ARN: context.state.caseArn(record) }]);
  return record;
}

/** A case that can still change: a closed case is a ConflictException (choice; the docs name none). */
function open(context: HandlerContext, caseId: string): CaseRecord {
  const record = own(context, caseId);
  if (record.status === 'Closed') throw fail.conflict(`The case ${caseId} is closed.`, caseId, CASE);
  return record;
}

export function caseEvent(
  context: HandlerContext,
  record: CaseRecord,
  detailType: string,
  detail: Record<string, unknown>,
): NativeEventDraft {
  return {
    detailType,
    account: record.accountId,
    resource: context.state.caseArn(record),
    detail: { caseId: record.id, ...detail },
  };
}

/**
 * Notes a change in the case history ListCaseEdits reads. AWS documents neither the `action` values
 * nor the messages: the emulator names the operation and says what changed (a guess).
 */
export function recordEdit(context: HandlerContext, record: CaseRecord, action: string, message: string): void {
  record.edits.push({ at: context.now, principal: context.caller, action, message });
}

/**
 * AWS's agent investigates AWS-supported cases (ListInvestigations, "Investigation performed by an
 * agent"). When and how is undocumented: the emulator records one completed investigation action
 * when a case becomes AWS-supported (a guess), so that ListInvestigations and SendFeedback have
 * something to work on.
 */
export function startInvestigation(context: HandlerContext, record: CaseRecord): void {
  record.investigations.push({
    id: context.state.investigationId(),
    actionType: 'Investigation',
    title: 'Initial investigation of the reported activity',
    content: `## Findings\n\nThe emulated agent reviewed case ${record.id}; it found nothing further.`,
    status: 'Completed',
    lastUpdated: context.now,
  });
}

const CREATE_FIELDS = [
  'title',
  'description',
  'engagementType',
  'reportedIncidentStartDate',
  'impactedAccounts',
  'watchers',
  'threatActorIpAddresses',
  'impactedServices',
  'impactedAwsRegions',
];

const createCase: Handler = (input, context) => {
  const { state, caller, now } = context;
  const membership = usableMembership(context);
  const record: CaseRecord = {
    id: state.caseId(),
    accountId: caller,
    membershipId: membership.id,
    status: 'Submitted',
    resolverType: input.resolverType as CaseRecord['resolverType'],
    fields: Object.fromEntries(CREATE_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]])),
    createdAt: now,
    updatedAt: now,
    comments: [],
    edits: [],
    attachments: [],
    investigations: [],
  };
  state.cases.set(record.id, record);
  if (input.tags) state.tags.set(state.caseArn(record), { ...(input.tags as Record<string, string>) });
  recordEdit(context, record, 'CreateCase', `Case created with resolver type ${record.resolverType}.`);
  if (record.resolverType === 'AWS') startInvestigation(context, record);
  // The CloudTrail example of CreateCase names the case type with a wildcard ARN.
  context.trail([{ accountId: caller, type: CASE_TYPE, ARN: state.caseArn({ accountId: caller, id: '*' }) }]);
  context.emit(caseEvent(context, record, 'Case Created', { createdBy: caller }));
  return Promise.resolve({ caseId: record.id });
};

const getCase: Handler = (input, context) => {
  const record = own(context, input.caseId as string);
  const f = record.fields;
  return Promise.resolve({
    title: f.title,
    caseArn: context.state.caseArn(record),
    description: f.description,
    caseStatus: record.status,
    engagementType: f.engagementType,
    reportedIncidentStartDate: f.reportedIncidentStartDate,
    actualIncidentStartDate: f.actualIncidentStartDate,
    impactedAwsRegions: f.impactedAwsRegions ?? [],
    threatActorIpAddresses: f.threatActorIpAddresses ?? [],
    pendingAction: 'None',
    impactedAccounts: f.impactedAccounts ?? [],
    watchers: f.watchers ?? [],
    createdDate: record.createdAt,
    lastUpdatedDate: record.updatedAt,
    resolverType: record.resolverType,
    impactedServices: f.impactedServices ?? [],
    caseAttachments: record.attachments.map((a) => ({
      attachmentId: a.id,
      fileName: a.fileName,
      attachmentStatus: a.status,
      creator: a.creator,
      createdDate: a.createdAt,
    })),
    closedDate: record.closedAt,
    caseMetadata: f.caseMetadata,
  });
};

const listCases: Handler = (input, context) => {
  usableMembership(context);
  const mine = [...context.state.cases.values()].filter((c) => c.accountId === context.caller);
  const { page, nextToken } = paginate(mine, input, 'ListCases', 25);
  const items = page.map((c) => ({
    caseId: c.id,
    lastUpdatedDate: c.updatedAt,
    title: c.fields.title,
    caseArn: context.state.caseArn(c),
    engagementType: c.fields.engagementType,
    caseStatus: c.status,
    createdDate: c.createdAt,
    closedDate: c.closedAt,
    resolverType: c.resolverType,
    pendingAction: 'None',
  }));
  return Promise.resolve({ items, nextToken, total: mine.length });
};

/** UpdateCase list members: `<name>ToAdd` / `<name>ToDelete`, items identified by a key. */
const LISTS: Record<string, (item: unknown) => string> = {
  watchers: (w) => (w as { email: string }).email,
  threatActorIpAddresses: (t) => (t as { ipAddress: string }).ipAddress,
  impactedServices: (s) => s as string,
  impactedAwsRegions: (r) => (r as { region: string }).region,
  impactedAccounts: (a) => a as string,
};
const SCALARS = [
  'title',
  'description',
  'reportedIncidentStartDate',
  'actualIncidentStartDate',
  'engagementType',
  'caseMetadata',
];

const updateCase: Handler = (input, context) => {
  const record = open(context, input.caseId as string);
  for (const field of SCALARS) if (input[field] !== undefined) record.fields[field] = input[field];
  for (const [field, keyOf] of Object.entries(LISTS)) {
    const removed = new Set(((input[`${field}ToDelete`] ?? []) as unknown[]).map(keyOf));
    const kept = ((record.fields[field] ?? []) as unknown[]).filter((item) => !removed.has(keyOf(item)));
    for (const item of (input[`${field}ToAdd`] ?? []) as unknown[])
      if (!kept.some((k) => keyOf(k) === keyOf(item))) kept.push(item);
    record.fields[field] = kept;
  }
  record.updatedAt = context.now;
  const changed = Object.keys(input).filter((k) => k !== 'caseId');
  recordEdit(context, record, 'UpdateCase', `Case updated: ${changed.length > 0 ? changed.join(', ') : 'nothing'}.`);
  context.emit(caseEvent(context, record, 'Case Updated', { updatedBy: context.caller }));
  return Promise.resolve({});
};

/**
 * UpdateCaseStatus: only self-managed cases, along the documented transitions (others: ValidationException, choice).
 */
const updateCaseStatus: Handler = (input, context) => {
  const record = open(context, input.caseId as string);
  const next = input.caseStatus as CaseStatus;
  if (record.resolverType !== 'Self')
    throw fail.invalidField(
      'caseStatus',
      'the status of an AWS-supported case is managed by AWS; use CloseCase to close it',
    );
  if (!TRANSITIONS[record.status]?.includes(next))
    throw fail.invalidField('caseStatus', `a case cannot go from ${record.status} to ${next}`);
  recordEdit(context, record, 'UpdateCaseStatus', `Case status changed from ${record.status} to ${next}.`);
  record.status = next;
  record.updatedAt = context.now;
  context.emit(caseEvent(context, record, 'Case Updated', { updatedBy: context.caller }));
  return Promise.resolve({ caseStatus: next });
};

const closeCase: Handler = (input, context) => {
  const record = open(context, input.caseId as string);
  recordEdit(context, record, 'CloseCase', `Case closed (was ${record.status}).`);
  record.status = 'Closed';
  record.closedAt = context.now;
  record.updatedAt = context.now;
  context.emit(caseEvent(context, record, 'Case Closed', {}));
  return Promise.resolve({ caseStatus: 'Closed', closedDate: context.now });
};

const createCaseComment: Handler = (input, context) => {
  const record = open(context, input.caseId as string);
  const id = context.state.commentId(record);
  record.comments.push({ id, body: input.body as string, createdBy: context.caller, at: context.now });
  record.updatedAt = context.now;
  context.emit(caseEvent(context, record, 'Case Comment Added', { createdBy: context.caller }));
  return Promise.resolve({ commentId: id });
};

/** Handlers of the case operations. */
export const caseHandlers: Record<string, Handler> = {
  CreateCase: createCase,
  GetCase: getCase,
  ListCases: listCases,
  UpdateCase: updateCase,
  UpdateCaseStatus: updateCaseStatus,
  CloseCase: closeCase,
  CreateCaseComment: createCaseComment,
};
