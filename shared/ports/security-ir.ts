/** The states of a Security Incident Response membership. */
export type SecurityIrMembershipStatus = 'Active' | 'Cancelled' | 'Terminated';

/** A Security IR membership as orgwarden reads it (timestamps ISO 8601). */
export interface SecurityIrMembership {
  id: string;
  status: SecurityIrMembershipStatus;
  /** The account that holds the membership (management or delegated administrator account). */
  accountId?: string;
  region?: string;
  name?: string;
  arn?: string;
  customerType?: 'Standalone' | 'Organization';
  activatedAt?: string;
  /** When a cancelled membership ends (or ended): until then it can be restored. */
  deactivatedAt?: string;
  accountsCovered?: number;
  coverEntireOrganization: boolean;
  organizationalUnits: string[];
}

/**
 * Whether the membership covers an account. `Unknown` when the service answered an error for that
 * account (then `error` says which).
 */
export interface AccountCoverage {
  accountId: string;
  status: 'Associated' | 'Disassociated' | 'Unassociated' | 'Unknown';
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
  engagementType: 'Security Incident' | 'Investigation';
  /** `Self` for a case orgwarden's team handles, `AWS` to engage the AWS responders. */
  resolverType: 'AWS' | 'Self';
  /** ISO 8601. */
  reportedIncidentStartDate: string;
  impactedAccounts: string[];
  watchers: { email: string; name?: string; jobTitle?: string }[];
  impactedRegions?: string[];
}

/** What a restore did: orgwarden restores only what needs it, so a repeated restore is harmless. */
export type RestoreOutcome = 'restored' | 'already-active';

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
  readMembership(membershipId: string, accountIds?: readonly string[]): Promise<{ membership: SecurityIrMembership; coverage: AccountCoverage[] }>;

  /**
   * Restores a cancelled membership before its month ends (`undoMembershipCancellation`). An
   * Active membership is left alone; a Terminated one cannot be restored (UpstreamRejectedError).
   */
  restoreMembership(membershipId: string): Promise<RestoreOutcome>;

  /**
   * Adds organizational units to the membership's coverage, in as many updates as the service's
   * limit of 5 OUs per update requires. OUs already covered are skipped, so a retry after a partial
   * failure adds only what is missing.
   */
  addOrganizationalUnits(membershipId: string, organizationalUnitIds: readonly string[]): Promise<AddOrganizationalUnitsResult>;

  /** Opens a case; the same `clientToken` with the same request gives the same case. */
  openCase(request: OpenCaseRequest): Promise<{ caseId: string }>;

  /** Comments on a case; the same `clientToken` with the same body gives the same comment. */
  commentOnCase(caseId: string, body: string, clientToken: string): Promise<{ commentId: string }>;
}

/** The subject name of a Security IR case in errors. */
export const securityIrCaseSubject = (caseId: string): string => `security-ir-case:${caseId}`;

/** The subject name of a Security IR membership (`membership:<id>`, as orgwarden names subjects). */
export const securityIrMembershipSubject = (membershipId: string): string => `membership:${membershipId}`;
