// The operations around a case besides its own fields: comments listed and edited, its history,
// the agent's investigations and the feedback on them, the resolver type, attachments.
import { caseEvent, openCase, ownCase, recordEdit, startInvestigation } from './cases';
import { paginate, type Handler, type HandlerContext } from './context';
import { fail } from './errors';
import type { CaseRecord } from './types';

const PAGE = 25;

const listComments: Handler = (input, context) => {
  const record = ownCase(context, input.caseId as string);
  const { page, nextToken } = paginate(record.comments, input, 'ListComments', PAGE);
  const items = page.map((c) => ({
    commentId: c.id,
    createdDate: c.at,
    lastUpdatedDate: c.updatedAt ?? c.at,
    creator: c.createdBy,
    lastUpdatedBy: c.updatedBy ?? c.createdBy,
    body: c.body,
  }));
  return Promise.resolve({ items, nextToken, total: record.comments.length });
};

/**
 * UpdateCaseComment: a comment of an open case gets a new body. AWS documents no native event for
 * it (the EventBridge reference lists Case Created, Updated, Closed and Comment Added): none is sent.
 * Who may edit whose comment is undocumented too; every caller that can read the case may.
 */
const updateCaseComment: Handler = (input, context) => {
  const record = openCase(context, input.caseId as string);
  const comment = record.comments.find((c) => c.id === input.commentId);
  if (!comment) throw fail.notFound('comment', input.commentId as string);
  comment.body = input.body as string;
  comment.updatedAt = context.now;
  comment.updatedBy = context.caller;
  record.updatedAt = context.now;
  return Promise.resolve({ commentId: comment.id, body: comment.body });
};

const listCaseEdits: Handler = (input, context) => {
  const record = ownCase(context, input.caseId as string);
  const { page, nextToken } = paginate(record.edits, input, 'ListCaseEdits', PAGE);
  const items = page.map((e) => ({
    eventTimestamp: e.at,
    principal: e.principal,
    action: e.action,
    message: e.message,
  }));
  return Promise.resolve({ items, nextToken, total: record.edits.length });
};

const listInvestigations: Handler = (input, context) => {
  const record = ownCase(context, input.caseId as string);
  const { page, nextToken } = paginate(record.investigations, input, 'ListInvestigations', PAGE);
  const investigationActions = page.map((i) => ({
    investigationId: i.id,
    actionType: i.actionType,
    title: i.title,
    content: i.content,
    status: i.status,
    lastUpdated: i.lastUpdated,
    feedback: i.feedback,
  }));
  return Promise.resolve({ investigationActions, nextToken });
};

/** SendFeedback on one investigation action of the case (`resultId`); sending again replaces it. */
const sendFeedback: Handler = (input, context) => {
  const record = ownCase(context, input.caseId as string);
  const investigation = record.investigations.find((i) => i.id === input.resultId);
  if (!investigation) throw fail.notFound('investigation result', input.resultId as string);
  investigation.feedback = {
    usefulness: input.usefulness as 'USEFUL' | 'NOT_USEFUL',
    ...(input.comment !== undefined ? { comment: input.comment as string } : {}),
    submittedAt: context.now,
  };
  return Promise.resolve({});
};

/**
 * UpdateResolverType: "a one-way action and cannot be reversed" (API reference), so Self → AWS
 * only. AWS → Self is refused with ValidationException naming `resolverType` (the docs name no
 * error); asking for the type the case already has changes nothing and sends no event (choice).
 */
const updateResolverType: Handler = (input, context) => {
  const record = openCase(context, input.caseId as string);
  const wanted = input.resolverType as CaseRecord['resolverType'];
  if (wanted !== record.resolverType) {
    if (wanted === 'Self')
      throw fail.invalidField(
        'resolverType',
        'an AWS-supported case cannot become self-managed: the change is one-way',
      );
    record.resolverType = wanted;
    record.updatedAt = context.now;
    recordEdit(context, record, 'UpdateResolverType', 'Resolver type changed from Self to AWS.');
    startInvestigation(context, record);
    context.emit(caseEvent(context, record, 'Case Updated', { updatedBy: context.caller }));
  }
  return Promise.resolve({ caseId: record.id, caseStatus: record.status, resolverType: record.resolverType });
};

/**
 * A presigned-looking S3 URL. The emulator stores no file: the URL is never served. Its host and
 * query are a guess at what AWS returns; they only have to match the model's `Url` pattern.
 */
function presignedUrl(
  context: HandlerContext,
  record: CaseRecord,
  attachmentId: string,
  method: 'PUT' | 'GET',
): string {
  const host = `security-ir-case-attachments-${context.region}.s3.${context.region}.amazonaws.com`;
  return `https://${host}/${record.id}/${attachmentId}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&x-emulator-method=${method}`;
}

/**
 * GetCaseAttachmentUploadUrl: registers an attachment on an open case and answers where to upload
 * it. Nothing is uploaded to the emulator, so the attachment is taken as uploaded and scanned at
 * once (`Verified`; AWS would show `Pending` until its checks pass). Idempotent on `clientToken`.
 */
const getCaseAttachmentUploadUrl: Handler = (input, context) => {
  const record = openCase(context, input.caseId as string);
  const id = context.state.attachmentId();
  record.attachments.push({
    id,
    fileName: input.fileName as string,
    status: 'Verified',
    creator: context.caller,
    createdAt: context.now,
  });
  record.updatedAt = context.now;
  return Promise.resolve({ attachmentPresignedUrl: presignedUrl(context, record, id, 'PUT') });
};

const getCaseAttachmentDownloadUrl: Handler = (input, context) => {
  const record = ownCase(context, input.caseId as string);
  const attachment = record.attachments.find((a) => a.id === String(input.attachmentId).toLowerCase());
  if (!attachment) throw fail.notFound('attachment', input.attachmentId as string);
  return Promise.resolve({ attachmentPresignedUrl: presignedUrl(context, record, attachment.id, 'GET') });
};

/** Handlers of the operations around a case. */
export const caseDetailHandlers: Record<string, Handler> = {
  ListComments: listComments,
  UpdateCaseComment: updateCaseComment,
  ListCaseEdits: listCaseEdits,
  ListInvestigations: listInvestigations,
  SendFeedback: sendFeedback,
  UpdateResolverType: updateResolverType,
  GetCaseAttachmentUploadUrl: getCaseAttachmentUploadUrl,
  GetCaseAttachmentDownloadUrl: getCaseAttachmentDownloadUrl,
};
