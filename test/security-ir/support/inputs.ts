import * as securityIr from '../../../shared/adapters/security-ir';
import type { GetMembershipCommand } from '../../../shared/adapters/security-ir';

// Valid inputs with every member of each operation's input set, so that the wire test covers the whole model.
export const MEMBERSHIP_ID = 'm-0123456789abcdef';
// CaseId's pattern (\d{10,32}.*) lets a case id carry any character: it shows that labels are percent-encoded.
export const CASE_ID = "1234567890 a/b?c&d'e";
const responder = {
  name: 'Ada Lovelace',
  jobTitle: 'CISO',
  email: 'ada@example.com',
  communicationPreferences: ['Case Created' as const, 'Case Status Updated' as const],
};
const watcher = { email: 'sec@example.com', name: 'Sec Team', jobTitle: 'On call' };
/** ARNs as labels: their `:` and `/` must be percent-encoded in the path. */
export const MEMBERSHIP_ARN = `arn:aws:security-ir:us-east-1:111122223333:membership/${MEMBERSHIP_ID}`;
export const CASE_ARN = 'arn:aws:security-ir:us-east-1:111122223333:case/1234567890';
const start = new Date('2026-03-01T12:34:56.789Z');

export const validInputs = {
  GetMembership: { membershipId: MEMBERSHIP_ID },
  ListMemberships: { nextToken: 'tok-1', maxResults: 25 },
  UpdateMembership: {
    membershipId: MEMBERSHIP_ID,
    membershipName: 'orgwarden',
    incidentResponseTeam: [responder, { ...responder, email: 'bob@example.com', name: 'Bob' }],
    optInFeatures: [{ featureName: 'Triage' as const, isEnabled: true }],
    membershipAccountsConfigurationsUpdate: {
      coverEntireOrganization: false,
      organizationalUnitsToAdd: ['ou-ab12-abcdefgh'],
      organizationalUnitsToRemove: ['ou-cd34-12345678', 'ou-ef56-87654321'],
    },
    undoMembershipCancellation: true,
  },
  CancelMembership: { membershipId: MEMBERSHIP_ID },
  CreateMembership: {
    clientToken: 'orgwarden-create-membership-1',
    membershipName: 'orgwarden',
    incidentResponseTeam: [responder, { ...responder, email: 'bob@example.com' }],
    optInFeatures: [{ featureName: 'Triage' as const, isEnabled: false }],
    tags: { owner: 'security', 'cost-center': '42' },
    coverEntireOrganization: true,
  },
  BatchGetMemberAccountDetails: { membershipId: MEMBERSHIP_ID, accountIds: ['111122223333', '444455556666'] },
  CreateCase: {
    clientToken: 'orgwarden-create-case-1',
    resolverType: 'AWS' as const,
    title: 'Membership cancelled',
    description: 'The Security IR membership was cancelled outside change control.',
    engagementType: 'Security Incident' as const,
    reportedIncidentStartDate: start,
    impactedAccounts: ['111122223333'],
    watchers: [watcher],
    threatActorIpAddresses: [{ ipAddress: '198.51.100.7', userAgent: 'curl/8.0' }],
    impactedServices: ['Organizations'],
    impactedAwsRegions: [{ region: 'us-east-1' as const }],
    tags: { source: 'orgwarden' },
  },
  GetCase: { caseId: CASE_ID },
  ListCases: { nextToken: 'tok-2', maxResults: 10 },
  UpdateCase: {
    caseId: CASE_ID,
    title: 'New title',
    description: 'New description',
    reportedIncidentStartDate: start,
    actualIncidentStartDate: new Date('2026-02-28T00:00:00Z'),
    engagementType: 'Investigation' as const,
    watchersToAdd: [watcher],
    watchersToDelete: [{ email: 'old@example.com' }],
    threatActorIpAddressesToAdd: [{ ipAddress: '203.0.113.9' }],
    threatActorIpAddressesToDelete: [{ ipAddress: '192.0.2.1', userAgent: 'x' }],
    impactedServicesToAdd: ['IAM'],
    impactedServicesToDelete: ['S3'],
    impactedAwsRegionsToAdd: [{ region: 'eu-west-1' as const }],
    impactedAwsRegionsToDelete: [{ region: 'us-west-2' as const }],
    impactedAccountsToAdd: ['444455556666'],
    impactedAccountsToDelete: ['111122223333'],
    caseMetadata: [{ key: 'ticket', value: 'SEC-1' }],
  },
  UpdateCaseStatus: { caseId: CASE_ID, caseStatus: 'Detection and Analysis' as const },
  CloseCase: { caseId: CASE_ID },
  CreateCaseComment: { caseId: CASE_ID, clientToken: 'orgwarden-comment-1', body: 'Restored by orgwarden.' },
  ListComments: { caseId: CASE_ID, nextToken: 'tok-3', maxResults: 5 },
  UpdateCaseComment: { caseId: CASE_ID, commentId: '000001', body: 'Restored by orgwarden (edited).' },
  ListCaseEdits: { caseId: CASE_ID, nextToken: 'tok-4', maxResults: 7 },
  // A GET whose paging members travel in the query string.
  ListInvestigations: { caseId: CASE_ID, nextToken: 'tok 5/&=', maxResults: 3 },
  SendFeedback: {
    caseId: CASE_ID,
    resultId: 'inv-0123456789abcdef',
    usefulness: 'USEFUL' as const,
    comment: 'Spot on.',
  },
  UpdateResolverType: { caseId: CASE_ID, resolverType: 'AWS' as const },
  GetCaseAttachmentUploadUrl: {
    caseId: CASE_ID,
    fileName: 'cloudtrail-export.json',
    contentLength: 2048,
    clientToken: 'orgwarden-upload-1',
  },
  GetCaseAttachmentDownloadUrl: { caseId: CASE_ID, attachmentId: '0123abcd-4567-89ef-0123-456789abcdef' },
  TagResource: { resourceArn: MEMBERSHIP_ARN, tags: { owner: 'security', 'cost-center': '' } },
  // Two keys: a list in the query string is one parameter per item.
  UntagResource: { resourceArn: MEMBERSHIP_ARN, tagKeys: ['owner', 'cost center'] },
  ListTagsForResource: { resourceArn: CASE_ARN },
};

export type OperationName = keyof typeof validInputs;

/** Builds the command of an operation for an input (the input is checked by the client, not by this table). */
export const commandFor = (name: OperationName, input: object) => {
  const Ctor = (securityIr as unknown as Record<string, new (input: object) => GetMembershipCommand>)[`${name}Command`];
  if (!Ctor) throw new Error(`the client has no ${name}Command`);
  return new Ctor(input);
};
