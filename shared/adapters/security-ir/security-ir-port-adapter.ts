import { OrgwardenError, SubjectNotFoundError, UpstreamRejectedError } from '../../domain/errors';
import {
  securityIrCaseSubject,
  securityIrMembershipSubject,
  type AccountCoverage,
  type AddOrganizationalUnitsResult,
  type OpenCaseRequest,
  type RestoreOutcome,
  type SecurityIncidentResponse,
  type SecurityIrMembership,
} from '../../ports/security-ir';
import { classifyAwsError } from '../aws-errors';
import {
  BatchGetMemberAccountDetailsCommand,
  ConflictException,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  GetMembershipCommand,
  ResourceNotFoundException,
  SecurityIRClient,
  UpdateMembershipCommand,
  type AwsRegion,
  type GetMembershipResponse,
} from './index';
import { SecurityIRValidationError } from './validation';

/**
 * At most 5 OUs per UpdateMembership (the model's 1–5 items of organizationalUnitsToAdd; the user
 * guide: "updates can be applied for up to 5 OUs at a time … in batches of 5").
 */
export const MAX_OUS_PER_UPDATE = 5;
/** At most 100 account ids per BatchGetMemberAccountDetails (the model's AWSAccountIds). */
export const MAX_ACCOUNTS_PER_BATCH = 100;

const STATUSES = ['Active', 'Cancelled', 'Terminated'] as const;
const RELATIONSHIP_STATUSES = ['Associated', 'Disassociated', 'Unassociated'] as const;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Maps a failed call onto orgwarden's error families. A refusal by the client's own validation is
 * permanent. The official package has no such error: after a swap to it, drop that branch (and the
 * import of ./validation); the service's ValidationException then goes through classifyAwsError.
 */
const toPortError = (error: unknown, what: string, subject?: string): Error => {
  if (error instanceof OrgwardenError) return error;
  if (error instanceof ResourceNotFoundException && subject) return new SubjectNotFoundError(subject, { cause: error });
  if (error instanceof SecurityIRValidationError) return new UpstreamRejectedError(`${what}: ${error.message}`, { cause: error });
  return classifyAwsError(error, what);
};

const toMembership = (out: GetMembershipResponse, membershipId: string): SecurityIrMembership => {
  const status = STATUSES.find((s) => s === out.membershipStatus);
  if (!status) throw new UpstreamRejectedError(`GetMembership ${membershipId} returned an unknown status: ${String(out.membershipStatus)}`);
  return {
    id: out.membershipId ?? membershipId,
    status,
    accountId: out.accountId,
    region: out.region,
    name: out.membershipName,
    arn: out.membershipArn,
    customerType: out.customerType,
    activatedAt: out.membershipActivationTimestamp?.toISOString(),
    deactivatedAt: out.membershipDeactivationTimestamp?.toISOString(),
    accountsCovered: out.numberOfAccountsCovered,
    coverEntireOrganization: out.membershipAccountsConfigurations?.coverEntireOrganization ?? false,
    organizationalUnits: out.membershipAccountsConfigurations?.organizationalUnits ?? [],
  };
};

/** {@link SecurityIncidentResponse} on the Security IR client (`shared/adapters/security-ir`). */
export class AwsSecurityIncidentResponse implements SecurityIncidentResponse {
  constructor(private readonly client: SecurityIRClient = new SecurityIRClient({})) {}

  async readMembership(membershipId: string, accountIds: readonly string[] = []): Promise<{ membership: SecurityIrMembership; coverage: AccountCoverage[] }> {
    const subject = securityIrMembershipSubject(membershipId);
    try {
      const membership = toMembership(await this.client.send(new GetMembershipCommand({ membershipId })), membershipId);
      const coverage: AccountCoverage[] = [];
      for (const batch of chunks([...new Set(accountIds)], MAX_ACCOUNTS_PER_BATCH)) {
        const out = await this.client.send(new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds: batch }));
        for (const item of out.items ?? []) {
          coverage.push({
            accountId: item.accountId ?? '',
            status: RELATIONSHIP_STATUSES.find((s) => s === item.relationshipStatus) ?? 'Unknown',
            relationship: item.relationshipType,
          });
        }
        for (const failure of out.errors ?? []) {
          coverage.push({ accountId: failure.accountId ?? '', status: 'Unknown', error: { code: failure.error ?? '', message: failure.message ?? '' } });
        }
      }
      return { membership, coverage };
    } catch (error) {
      throw toPortError(error, `GetMembership ${subject}`, subject);
    }
  }

  async restoreMembership(membershipId: string): Promise<RestoreOutcome> {
    const subject = securityIrMembershipSubject(membershipId);
    const read = async (): Promise<SecurityIrMembership> => toMembership(await this.client.send(new GetMembershipCommand({ membershipId })), membershipId);
    try {
      // Reading first keeps a repeated restore (a retry after a crash) from being refused as a conflict.
      if ((await read()).status === 'Active') return 'already-active';
      try {
        await this.client.send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }));
        return 'restored';
      } catch (error) {
        // Someone restored it between the read and the update.
        if (error instanceof ConflictException && (await read()).status === 'Active') return 'already-active';
        throw error;
      }
    } catch (error) {
      throw toPortError(error, `UpdateMembership (undoMembershipCancellation) ${subject}`, subject);
    }
  }

  async addOrganizationalUnits(membershipId: string, organizationalUnitIds: readonly string[]): Promise<AddOrganizationalUnitsResult> {
    const subject = securityIrMembershipSubject(membershipId);
    const wanted = [...new Set(organizationalUnitIds)];
    try {
      const membership = toMembership(await this.client.send(new GetMembershipCommand({ membershipId })), membershipId);
      const covered = new Set(membership.organizationalUnits);
      if (membership.coverEntireOrganization) return { added: [], alreadyCovered: wanted, requests: 0 };
      const missing = wanted.filter((ou) => !covered.has(ou));
      const batches = chunks(missing, MAX_OUS_PER_UPDATE);
      // One update per batch; a failure midway leaves the earlier batches added, which a retry skips.
      for (const batch of batches) {
        await this.client.send(new UpdateMembershipCommand({ membershipId, membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: batch } }));
      }
      return { added: missing, alreadyCovered: wanted.filter((ou) => covered.has(ou)), requests: batches.length };
    } catch (error) {
      throw toPortError(error, `UpdateMembership (organizationalUnitsToAdd) ${subject}`, subject);
    }
  }

  async openCase(request: OpenCaseRequest): Promise<{ caseId: string }> {
    try {
      const out = await this.client.send(
        new CreateCaseCommand({
          clientToken: request.clientToken,
          resolverType: request.resolverType,
          title: request.title,
          description: request.description,
          engagementType: request.engagementType,
          reportedIncidentStartDate: new Date(request.reportedIncidentStartDate),
          impactedAccounts: request.impactedAccounts,
          watchers: request.watchers,
          ...(request.impactedRegions ? { impactedAwsRegions: request.impactedRegions.map((region) => ({ region: region as AwsRegion })) } : {}),
        }),
      );
      if (!out.caseId) throw new UpstreamRejectedError('CreateCase returned no caseId');
      return { caseId: out.caseId };
    } catch (error) {
      throw toPortError(error, `CreateCase (clientToken ${request.clientToken})`);
    }
  }

  async commentOnCase(caseId: string, body: string, clientToken: string): Promise<{ commentId: string }> {
    const subject = securityIrCaseSubject(caseId);
    try {
      const out = await this.client.send(new CreateCaseCommentCommand({ caseId, body, clientToken }));
      if (!out.commentId) throw new UpstreamRejectedError(`CreateCaseComment ${subject} returned no commentId`);
      return { commentId: out.commentId };
    } catch (error) {
      throw toPortError(error, `CreateCaseComment ${subject}`, subject);
    }
  }
}
