import { OrgwardenError, SubjectNotFoundError, UpstreamRejectedError } from '../../domain/errors';
import { readEnum, type OrUnrecognized } from '../../domain/unrecognized';
import {
  securityIrCaseSubject,
  securityIrMembershipSubject,
  SecurityIrMembershipNotRestorableError,
  type AccountCoverage,
  type AddOrganizationalUnitsResult,
  type OpenCaseRequest,
  type RestoreOutcome,
  type SecurityIncidentResponse,
  type SecurityIrCoverageMode,
  type SecurityIrMembership,
  type SecurityIrMembershipStatus,
  type SecurityIrMembershipSummary,
} from '../../ports/security-ir';
import type { CallCount } from '../../ports/call-count';
import { classifyAwsError } from '../aws-errors';
import {
  BatchGetMemberAccountDetailsCommand,
  ConflictException,
  CreateCaseCommand,
  CreateCaseCommentCommand,
  GetCaseCommand,
  GetMembershipCommand,
  ListMembershipsCommand,
  ResourceNotFoundException,
  SecurityIncidentResponseNotActiveException,
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
/** At most 25 memberships per ListMemberships page (the model's maxResults, 1–25). */
export const MAX_MEMBERSHIPS_PER_PAGE = 25;
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
  if (error instanceof SecurityIRValidationError)
    return new UpstreamRejectedError(`${what}: ${error.message}`, { cause: error });
  return classifyAwsError(error, what);
};

/**
 * A membership status: one of the model's, or one AWS added since, given as read (the subject notes
 * it: shared/domain/unrecognized.ts). An absent or malformed one is a broken answer, refused.
 */
const statusOf = (value: string | undefined, what: string): SecurityIrMembership['status'] => {
  const status = readEnum(STATUSES, value, 'membership.status', []);
  if (status === undefined)
    throw new UpstreamRejectedError(`${what} returned no valid status: ${JSON.stringify(String(value).slice(0, 80))}`);
  return status;
};

/**
 * An account's relationship status: one AWS added since is given as read (never taken for a gap); an absent or
 * malformed one reads `Unknown`.
 */
const relationshipOf = (
  value: string | undefined,
): OrUnrecognized<(typeof RELATIONSHIP_STATUSES)[number] | 'Unknown'> =>
  readEnum(RELATIONSHIP_STATUSES, value, 'coverage.relationshipStatus', []) ?? 'Unknown';

const coverageModeOf = (out: GetMembershipResponse): SecurityIrCoverageMode => {
  // A Standalone membership has no accounts configuration; an organization's always has one.
  if (out.customerType === 'Standalone' || !out.membershipAccountsConfigurations) return 'Standalone';
  return out.membershipAccountsConfigurations.coverEntireOrganization ? 'EntireOrganization' : 'OrganizationalUnits';
};

const toMembership = (out: GetMembershipResponse, membershipId: string): SecurityIrMembership => {
  const status = statusOf(out.membershipStatus, `GetMembership ${membershipId}`);
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
    coverageMode: coverageModeOf(out),
    coverEntireOrganization: out.membershipAccountsConfigurations?.coverEntireOrganization ?? false,
    organizationalUnits: out.membershipAccountsConfigurations?.organizationalUnits ?? [],
  };
};

/**
 * {@link SecurityIncidentResponse} on the Security IR client (`shared/adapters/security-ir`).
 *
 * IAM actions, by method (the role's list lives in `shared/adapters/permissions.ts`):
 * - getMembership, readMembership: `security-ir:GetMembership` (+ `BatchGetMemberAccountDetails` with accounts)
 * - getAccountCoverage: `security-ir:BatchGetMemberAccountDetails`
 * - listMemberships: `security-ir:ListMemberships`
 * - restoreMembership, addOrganizationalUnits: `security-ir:GetMembership`, `security-ir:UpdateMembership`
 * - openCase: `security-ir:CreateCase` (`security-ir:TagResource` only with tags, which it never sends)
 * - commentOnCase: `security-ir:CreateCaseComment`
 * - isCaseClosed: `security-ir:GetCase`
 */
export class AwsSecurityIncidentResponse implements SecurityIncidentResponse {
  constructor(private readonly client: SecurityIRClient = new SecurityIRClient({})) {}

  private async read(membershipId: string): Promise<SecurityIrMembership> {
    return toMembership(await this.client.send(new GetMembershipCommand({ membershipId })), membershipId);
  }

  private async coverage(membershipId: string, accountIds: readonly string[]): Promise<AccountCoverage[]> {
    const coverage: AccountCoverage[] = [];
    for (const batch of chunks([...new Set(accountIds)], MAX_ACCOUNTS_PER_BATCH)) {
      const out = await this.client.send(new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds: batch }));
      for (const item of out.items ?? []) {
        coverage.push({
          accountId: item.accountId ?? '',
          status: relationshipOf(item.relationshipStatus),
          relationship: item.relationshipType,
        });
      }
      for (const failure of out.errors ?? []) {
        coverage.push({
          accountId: failure.accountId ?? '',
          status: 'Unknown',
          error: { code: failure.error ?? '', message: failure.message ?? '' },
        });
      }
    }
    return coverage;
  }

  async getMembership(membershipId: string): Promise<SecurityIrMembership> {
    const subject = securityIrMembershipSubject(membershipId);
    try {
      return await this.read(membershipId);
    } catch (error) {
      throw toPortError(error, `GetMembership ${subject}`, subject);
    }
  }

  async getAccountCoverage(membershipId: string, accountIds: readonly string[]): Promise<AccountCoverage[]> {
    const subject = securityIrMembershipSubject(membershipId);
    try {
      return await this.coverage(membershipId, accountIds);
    } catch (error) {
      throw toPortError(error, `BatchGetMemberAccountDetails ${subject}`, subject);
    }
  }

  async readMembership(
    membershipId: string,
    accountIds: readonly string[] = [],
  ): Promise<{ membership: SecurityIrMembership; coverage: AccountCoverage[] }> {
    const subject = securityIrMembershipSubject(membershipId);
    try {
      const membership = await this.read(membershipId);
      return { membership, coverage: await this.coverage(membershipId, accountIds) };
    } catch (error) {
      throw toPortError(error, `GetMembership ${subject}`, subject);
    }
  }

  async listMemberships(count?: CallCount): Promise<SecurityIrMembershipSummary[]> {
    try {
      const memberships: SecurityIrMembershipSummary[] = [];
      let nextToken: string | undefined;
      do {
        if (count) count.calls++;
        // The model's largest page: the service's default is not documented.
        const page = await this.client.send(
          new ListMembershipsCommand({ maxResults: MAX_MEMBERSHIPS_PER_PAGE, ...(nextToken ? { nextToken } : {}) }),
        );
        for (const item of page.items ?? []) {
          if (!item.membershipId) continue;
          memberships.push({
            id: item.membershipId,
            status: statusOf(item.membershipStatus, `ListMemberships ${item.membershipId}`),
            accountId: item.accountId,
            region: item.region,
            arn: item.membershipArn,
          });
        }
        nextToken = page.nextToken || undefined;
      } while (nextToken);
      return memberships;
    } catch (error) {
      throw toPortError(error, 'ListMemberships');
    }
  }

  /**
   * Reads first, so that a repeated restore (a retry after a crash) is not refused as a conflict.
   * A membership that reads Terminated is still asked to undo: the service, not orgwarden, says
   * whether it can come back, and its refusal becomes the error's cause.
   */
  async restoreMembership(membershipId: string): Promise<RestoreOutcome> {
    const subject = securityIrMembershipSubject(membershipId);
    let status: SecurityIrMembership['status'] | undefined;
    try {
      status = (await this.read(membershipId)).status;
      if (status === 'Active') return 'already-active';
      // Nothing is decided on a status nobody understands (AWS added it since): refused, and reported as failed.
      if (!STATUSES.some((known) => known === status))
        throw new UpstreamRejectedError(
          `${subject} reads status ${status}, which orgwarden does not know: not restored`,
        );
      try {
        await this.client.send(new UpdateMembershipCommand({ membershipId, undoMembershipCancellation: true }));
        return 'restored';
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        // Someone restored it between the read and the update, or it ended meanwhile.
        status = (await this.read(membershipId)).status;
        if (status === 'Active') return 'already-active';
        throw error;
      }
    } catch (error) {
      if (
        error instanceof SecurityIncidentResponseNotActiveException ||
        (error instanceof ConflictException && status === 'Terminated')
      ) {
        throw new SecurityIrMembershipNotRestorableError(
          membershipId,
          status as SecurityIrMembershipStatus | undefined,
          `${subject} cannot be restored: it is terminated (${error.name}: ${error.message})`,
          { cause: error },
        );
      }
      throw toPortError(error, `UpdateMembership (undoMembershipCancellation) ${subject}`, subject);
    }
  }

  async addOrganizationalUnits(
    membershipId: string,
    organizationalUnitIds: readonly string[],
  ): Promise<AddOrganizationalUnitsResult> {
    const subject = securityIrMembershipSubject(membershipId);
    const wanted = [...new Set(organizationalUnitIds)];
    try {
      const membership = await this.read(membershipId);
      const covered = new Set(membership.organizationalUnits);
      if (membership.coverEntireOrganization) return { added: [], alreadyCovered: wanted, requests: 0 };
      const missing = wanted.filter((ou) => !covered.has(ou));
      const batches = chunks(missing, MAX_OUS_PER_UPDATE);
      // One update per batch; a failure midway leaves the earlier batches added, which a retry skips.
      for (const batch of batches) {
        await this.client.send(
          new UpdateMembershipCommand({
            membershipId,
            membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: batch },
          }),
        );
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
          resolverType: request.resolverType ?? 'Self',
          title: request.title,
          description: request.description,
          engagementType: request.engagementType ?? 'Investigation',
          reportedIncidentStartDate: new Date(request.reportedIncidentStartDate),
          impactedAccounts: request.impactedAccounts,
          watchers: request.watchers,
          ...(request.impactedRegions
            ? { impactedAwsRegions: request.impactedRegions.map((region) => ({ region: region as AwsRegion })) }
            : {}),
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

  async isCaseClosed(caseId: string): Promise<boolean> {
    const subject = securityIrCaseSubject(caseId);
    try {
      return (await this.client.send(new GetCaseCommand({ caseId }))).caseStatus === 'Closed';
    } catch (error) {
      throw toPortError(error, `GetCase ${subject}`, subject);
    }
  }
}
