/** Where an account sits in the organization: an OU or the root. */
export interface AccountParent {
  readonly id: string;
  readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT';
}

/** What the reactions need to know of a member account. */
export interface MemberAccount {
  readonly accountId: string;
  /** The account's email address (Macie's CreateMember requires it); never published. */
  readonly email?: string;
}

/**
 * The organization's accounts as the coverage and Macie reactions need them (AWS Organizations,
 * us-east-1). Errors: `UpstreamRejectedError` for refusals a retry will not change,
 * `UpstreamUnavailableError` for throttling and 5xx.
 */
export interface AccountDirectory {
  /**
   * The account, when it is a member of the organization (DescribeAccount); `undefined` when it is
   * not (it left, was removed or closed). IAM: `organizations:DescribeAccount`.
   */
  memberAccount(accountId: string): Promise<MemberAccount | undefined>;

  /**
   * The account's parent (ListParents); `undefined` when it is not a member.
   * IAM: `organizations:ListParents`.
   */
  parentOf(accountId: string): Promise<AccountParent | undefined>;
}
