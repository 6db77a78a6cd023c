import {
  BatchGetMemberAccountDetailsCommand,
  CancelMembershipCommand,
  CloseCaseCommand,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  CreateMembershipCommand,
  GetCaseCommand,
  GetMembershipCommand,
  ListCasesCommand,
  ListMembershipsCommand,
  UpdateCaseCommand,
  UpdateCaseStatusCommand,
  UpdateMembershipCommand,
} from '../../../shared/adapters/security-ir';

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
};

export type OperationName = keyof typeof validInputs;

/** Builds the command of an operation for an input (the input is checked by the client, not by this table). */
export const commandFor = (name: OperationName, input: object) => {
  const ctors = {
    GetMembership: GetMembershipCommand,
    ListMemberships: ListMembershipsCommand,
    UpdateMembership: UpdateMembershipCommand,
    CancelMembership: CancelMembershipCommand,
    CreateMembership: CreateMembershipCommand,
    BatchGetMemberAccountDetails: BatchGetMemberAccountDetailsCommand,
    CreateCase: CreateCaseCommand,
    GetCase: GetCaseCommand,
    ListCases: ListCasesCommand,
    UpdateCase: UpdateCaseCommand,
    UpdateCaseStatus: UpdateCaseStatusCommand,
    CloseCase: CloseCaseCommand,
    CreateCaseComment: CreateCaseCommentCommand,
  } as const;
  const Ctor = ctors[name] as unknown as new (input: object) => GetMembershipCommand;
  return new Ctor(input);
};
