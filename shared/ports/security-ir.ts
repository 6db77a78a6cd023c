import { errorCodes, UpstreamRejectedError, type ErrorCode } from '../domain/errors';
import type { OrUnrecognized } from '../domain/unrecognized';
import { subjectId } from '../domain/subjects/subject-type';
import type { CallCount } from './call-count';

/** The states of a Security Incident Response membership. */
export type SecurityIrMembershipStatus = 'Active' | 'Cancelled' | 'Terminated';

/**
 * How a membership chooses the accounts it covers: its own account (`Standalone`, outside an
 * organization), every account of the organization, or the accounts under the OUs it lists.
 */
export type SecurityIrCoverageMode = 'Standalone' | 'EntireOrganization' | 'OrganizationalUnits';

/** A Security IR membership as orgwarden reads it (timestamps ISO 8601). */
export interface SecurityIrMembership {
  id: string;
  /** A status the model does not list (AWS added it since) is given as read. */
  status: OrUnrecognized<SecurityIrMembershipStatus>;
  /**
   * The account that holds the membership: the management account or the delegated administrator
   * (the API does not say which; compare with the organization's management account). Removing
   * that account's delegated administrator registration terminates the membership at once.
   */
  accountId?: string;
  region?: string;
  name?: string;
  arn?: string;
  customerType?: 'Standalone' | 'Organization';
  activatedAt?: string;
  /**
   * When a cancelled membership ends (or ended): until then it can be restored. Read it, never
   * compute it: AWS documents both the end of the billing cycle and an immediate end.
   */
  deactivatedAt?: string;
  /** Accounts covered now; a coverage change shows here only once the service has applied it. */
  accountsCovered?: number;
  coverageMode: SecurityIrCoverageMode;
  coverEntireOrganization: boolean;
  /** The OUs the membership asks to cover (in effect once the service has applied the change). */
  organizationalUnits: string[];
}

/** One membership of the caller's account, as ListMemberships gives it. */
export interface SecurityIrMembershipSummary {
  id: string;
  status: OrUnrecognized<SecurityIrMembershipStatus>;
  accountId?: string;
  region?: string;
  arn?: string;
}

/**
 * Whether the membership covers an account. `Unknown` when the service answered an error for that
 * account (then `error` says which).
 */
export interface AccountCoverage {
  accountId: string;
  /** A relationship status the model does not list (AWS added it since) is given as read, never taken for a gap. */
  status: OrUnrecognized<'Associated' | 'Disassociated' | 'Unassociated' | 'Unknown'>;
  /** `Organization` when the account is in the membership's organization, `Unrelated` otherwise. */
  relationship?: 'Organization' | 'Unrelated';
  error?: { code: string; message: string };
}

/** What to open a case with. */
export interface OpenCaseRequest {
  /**
   * The idempotency token: a deterministic id (the ledger id of the action), so that a retry,
   * duplicate or replay opens the same case instead of a second one.
   */
  clientToken: string;
  title: string;
  description: string;
  /** Default `Investigation`: orgwarden reports what it saw; the team decides whether it is an incident. */
  engagementType?: 'Security Incident' | 'Investigation';
  /** `Self` (default) for a case orgwarden's team handles, `AWS` to engage the AWS responders. */
  resolverType?: 'AWS' | 'Self';
  /** ISO 8601. */
  reportedIncidentStartDate: string;
  impactedAccounts: string[];
  watchers: { email: string; name?: string; jobTitle?: string }[];
  impactedRegions?: string[];
}

/** What a restore did: orgwarden restores only what needs it, so a repeated restore is harmless. */
export type RestoreOutcome = 'restored' | 'already-active';

/**
 * The membership can no longer be restored: it is Terminated (its window ran out, it was cancelled
 * under the immediate rule, or its delegated administrator was removed) or the service refused the
 * undo for that reason. Permanent: report it as unrecoverable (a new membership is the only way
 * back, and its cases are gone). `cause` holds the service's refusal when there was one.
 */
export class SecurityIrMembershipNotRestorableError extends UpstreamRejectedError {
  override readonly name: string = 'SecurityIrMembershipNotRestorableError';
  override readonly code: ErrorCode = errorCodes.SecurityIrMembershipNotRestorableError;

  constructor(
    readonly membershipId: string,
    readonly status: SecurityIrMembershipStatus | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What adding OUs did. */
export interface AddOrganizationalUnitsResult {
  /** OUs newly added to the coverage. */
  added: string[];
  /** OUs covered before the call (listed, or the whole organization is covered). */
  alreadyCovered: string[];
  /** UpdateMembership calls made (the service takes at most 5 OUs per update). */
  requests: number;
}

/**
 * AWS Security Incident Response as orgwarden's use cases need it. Errors:
 * `SubjectNotFoundError` when the membership (`membership:<id>`) or case (`security-ir-case:<id>`)
 * does not exist, `UpstreamRejectedError` for refusals a retry will not change (validation, access,
 * a terminated membership), `UpstreamUnavailableError` for throttling, 5xx and network failures.
 */
export interface SecurityIncidentResponse {
  /**
   * Reads a membership and whether it covers the given accounts (the service has no list of covered
   * accounts: the caller names those it cares about, e.g. the organization's accounts).
   *
   * @param membershipId - `m-…`
   * @param accountIds - 12-digit account ids; none: no coverage is read
   */
  readMembership(
    membershipId: string,
    accountIds?: readonly string[],
  ): Promise<{ membership: SecurityIrMembership; coverage: AccountCoverage[] }>;

  /**
   * Reads a membership (GetMembership): status, deactivation time, coverage mode and OUs, the
   * holding account. IAM: `security-ir:GetMembership`.
   *
   * @param membershipId - `m-…`
   */
  getMembership(membershipId: string): Promise<SecurityIrMembership>;

  /**
   * Whether the membership covers each account (BatchGetMemberAccountDetails, at most 100 accounts
   * a call: as many calls as needed, in order). Coverage changes are applied asynchronously: confirm
   * one by reading later, never right after the change. IAM: `security-ir:BatchGetMemberAccountDetails`.
   *
   * @param accountIds - 12-digit account ids, duplicates read once
   */
  getAccountCoverage(membershipId: string, accountIds: readonly string[]): Promise<AccountCoverage[]>;

  /**
   * The memberships of the caller's account, every page (ListMemberships): how an audit finds the
   * membership id when no event named it. IAM: `security-ir:ListMemberships`.
   *
   * @param count - counts the requests made (pages of at most 25, the model's maximum), failed ones included
   */
  listMemberships(count?: CallCount): Promise<SecurityIrMembershipSummary[]>;

  /**
   * Restores a cancelled membership before it ends (`undoMembershipCancellation: true`). An Active
   * membership is left alone ('already-active'). A Terminated one cannot be restored:
   * {@link SecurityIrMembershipNotRestorableError} (permanent). IAM: `security-ir:GetMembership`,
   * `security-ir:UpdateMembership`.
   */
  restoreMembership(membershipId: string): Promise<RestoreOutcome>;

  /**
   * Adds organizational units to the membership's coverage, 1 to 5 OUs an update (the service's
   * limit), in as many updates as needed. OUs already listed are skipped, so a retry after a partial
   * failure adds only what is missing. The coverage itself follows asynchronously (minutes).
   * IAM: `security-ir:GetMembership`, `security-ir:UpdateMembership`.
   */
  addOrganizationalUnits(
    membershipId: string,
    organizationalUnitIds: readonly string[],
  ): Promise<AddOrganizationalUnitsResult>;

  /**
   * Opens a case (CreateCase; by default an `Investigation` the team resolves itself, `Self`); the
   * same `clientToken` with the same request gives the same case. IAM: `security-ir:CreateCase`.
   */
  openCase(request: OpenCaseRequest): Promise<{ caseId: string }>;

  /**
   * Comments on a case; the same `clientToken` with the same body gives the same comment.
   * IAM: `security-ir:CreateCaseComment`.
   */
  commentOnCase(caseId: string, body: string, clientToken: string): Promise<{ commentId: string }>;

  /**
   * Whether the team closed a case (GetCase: status `Closed`; every other status, those AWS may add
   * included, still takes comments). A case of this account that does not exist is
   * `SubjectNotFoundError` (`security-ir-case:<id>`). IAM: `security-ir:GetCase`.
   */
  isCaseClosed(caseId: string): Promise<boolean>;
}

/** The subject name of a Security IR case in errors. */
export const securityIrCaseSubject = (caseId: string): string => subjectId({ kind: 'security-ir-case', id: caseId });

/** The subject name of a Security IR membership (`membership:<id>`, as orgwarden names subjects). */
export const securityIrMembershipSubject = (membershipId: string): string =>
  subjectId({ kind: 'membership', id: membershipId });
