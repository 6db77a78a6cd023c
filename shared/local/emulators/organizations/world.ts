import { fail } from './errors';
import type { IdGenerator } from './ids';
import type {
  AccountRecord,
  CreateAccountStatusRecord,
  DelegatedAdministratorChange,
  DelegationRecord,
  HandshakeRecord,
  OrganizationalUnitRecord,
  OutsideAccount,
  SilentChange,
  SilentChangeKind,
  TransferRecord,
} from './types';

/** The emulated organization itself. */
export interface OrganizationRecord {
  id: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  rootId: string;
  managementAccountId: string;
}

/** Where an account stands relative to the emulated organization. */
export type Standing = 'management' | 'member' | 'external-management' | 'standalone';

/**
 * The state of the emulated world: one organization, the accounts it contains, the outside accounts
 * scenarios have referred to, handshakes, billing transfers and account-creation requests. It owns
 * lookups and ARN/path building; the operation handlers own the rules.
 */
export class World {
  readonly accounts = new Map<string, AccountRecord>();
  readonly organizationalUnits = new Map<string, OrganizationalUnitRecord>();
  readonly handshakes = new Map<string, HandshakeRecord>();
  readonly transfers = new Map<string, TransferRecord>();
  readonly createAccountStatuses = new Map<string, CreateAccountStatusRecord>();
  /** Delegated administrators, in registration order. */
  readonly delegations: DelegationRecord[] = [];
  /** When each CloseAccount was accepted, for the rolling 30-day quota. */
  readonly closeRequests: Date[] = [];
  /** Changes the management account's bus was not told of, in the order they happened. */
  readonly silentChanges: SilentChange[] = [];

  constructor(
    readonly organization: OrganizationRecord,
    private readonly ids: IdGenerator,
  ) {}

  /** Notes a change the management account's bus gets no event for (see {@link SilentChange}). */
  noteSilent(at: Date, kind: SilentChangeKind, subject: string, text: string): void {
    this.silentChanges.push({ at: at.toISOString(), kind, subject, text });
  }

  /** The services an account is delegated administrator of. */
  delegationsOf(accountId: string): DelegationRecord[] {
    return this.delegations.filter((delegation) => delegation.accountId === accountId);
  }

  /** Removes every delegation of an account that leaves the organization; returns the deregistrations. */
  dropDelegations(accountId: string, at: Date): DelegatedAdministratorChange[] {
    const dropped = this.delegationsOf(accountId);
    for (const delegation of dropped) this.delegations.splice(this.delegations.indexOf(delegation), 1);
    return dropped.map(({ servicePrincipal }) => ({ kind: 'deregistered', accountId, servicePrincipal, at }));
  }

  get management(): AccountRecord {
    return this.accounts.get(this.organization.managementAccountId)!;
  }

  standing(accountId: string): Standing {
    const account = this.accounts.get(accountId);
    if (accountId === this.organization.managementAccountId) return 'management';
    if (account?.member) return 'member';
    if (account?.externalOrganizationId) return 'external-management';
    return 'standalone';
  }

  /** Returns an account, registering an outside account on first reference. */
  ensureAccount(accountId: string): AccountRecord {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { id: accountId, email: `account-${accountId}@example.com`, name: `Account ${accountId}` };
      this.accounts.set(accountId, account);
    }
    return account;
  }

  /** Registers (or updates) an outside account a scenario refers to. */
  registerOutsideAccount(outside: OutsideAccount): AccountRecord {
    if (this.accounts.get(outside.id)?.member)
      throw new Error(`Account ${outside.id} is a member of the emulated organization`);
    const account = this.ensureAccount(outside.id);
    if (outside.email) account.email = outside.email;
    if (outside.name) account.name = outside.name;
    if (outside.managesOrganization) {
      this.ensureExternalOrganization(account);
      delete account.externalMemberOf;
    }
    return account;
  }

  /** Returns the account registered under an email, registering a new outside account if none. */
  ensureAccountByEmail(email: string): AccountRecord {
    for (const account of this.accounts.values())
      if (account.email.toLowerCase() === email.toLowerCase()) return account;
    let id = this.ids.accountId();
    while (this.accounts.has(id)) id = this.ids.accountId();
    const account: AccountRecord = { id, email, name: `Account ${id}` };
    this.accounts.set(id, account);
    return account;
  }

  /** Makes an outside account the management account of an organization of its own. */
  ensureExternalOrganization(account: AccountRecord): string {
    account.externalOrganizationId ??= this.ids.organizationId();
    return account.externalOrganizationId;
  }

  /** The organization id an account manages, if it is a management account (emulated or external). */
  managedOrganizationId(accountId: string): string | undefined {
    if (accountId === this.organization.managementAccountId) return this.organization.id;
    return this.accounts.get(accountId)?.externalOrganizationId;
  }

  /** Members of the emulated organization, management account included, in joining order. */
  members(): AccountRecord[] {
    return [...this.accounts.values()].filter((account) => account.member);
  }

  /** The caller must belong to the emulated organization; AWSOrganizationsNotInUse otherwise. */
  requireInOrganization(accountId: string): void {
    const standing = this.standing(accountId);
    if (standing === 'standalone' || standing === 'external-management') throw fail.notInUse();
  }

  /** The caller must be the management account; members get AccessDenied, outsiders NotInUse. */
  requireManagement(accountId: string): void {
    this.requireInOrganization(accountId);
    if (accountId !== this.organization.managementAccountId) throw fail.accessDenied();
  }

  /**
   * The read operations the API reference documents as callable "from the management account or a
   * member account that is a delegated administrator" (for any service): other members get
   * AccessDenied, outsiders NotInUse.
   */
  requireManagementOrDelegatedAdministrator(accountId: string): void {
    this.requireInOrganization(accountId);
    if (accountId !== this.organization.managementAccountId && this.delegationsOf(accountId).length === 0) {
      throw fail.accessDenied(
        'You can call this operation only from the management account or a member account that is a delegated administrator.',
      );
    }
  }

  isParent(id: string): boolean {
    return id === this.organization.rootId || this.organizationalUnits.has(id);
  }

  /** Root first, the parent itself last. */
  ancestry(parentId: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = parentId;
    while (current && current !== this.organization.rootId) {
      chain.unshift(current);
      current = this.organizationalUnits.get(current)?.parentId;
    }
    return [this.organization.rootId, ...chain];
  }

  arn(resource: string): string {
    return `arn:aws:organizations::${this.organization.managementAccountId}:${resource}`;
  }

  renderOrganization(): Record<string, unknown> {
    const { id, featureSet, managementAccountId } = this.organization;
    return {
      Id: id,
      Arn: this.arn(`organization/${id}`),
      FeatureSet: featureSet,
      MasterAccountArn: this.arn(`account/${id}/${managementAccountId}`),
      MasterAccountId: managementAccountId,
      MasterAccountEmail: this.management.email,
      // Deprecated in the model but still returned by the service.
      AvailablePolicyTypes: featureSet === 'ALL' ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
    };
  }

  renderRoot(): Record<string, unknown> {
    const { id, rootId } = this.organization;
    return { Id: rootId, Arn: this.arn(`root/${id}/${rootId}`), Name: 'Root', PolicyTypes: [] };
  }

  renderOrganizationalUnit(ou: OrganizationalUnitRecord): Record<string, unknown> {
    const orgId = this.organization.id;
    return {
      Id: ou.id,
      Arn: this.arn(`ou/${orgId}/${ou.id}`),
      Name: ou.name,
      Path: `${orgId}/${this.ancestry(ou.id).join('/')}/`,
    };
  }

  renderAccount(account: AccountRecord): Record<string, unknown> {
    const orgId = this.organization.id;
    const member = account.member!;
    return {
      Id: account.id,
      Arn: this.arn(`account/${orgId}/${account.id}`),
      Email: account.email,
      Name: account.name,
      // `Status` is retired (September 2026) and no longer returned: only `State`.
      State: member.state,
      Paths: [`${orgId}/${this.ancestry(member.parentId).join('/')}/${account.id}/`],
      JoinedMethod: member.joinedMethod,
      JoinedTimestamp: member.joinedAt,
    };
  }

  renderHandshake(handshake: HandshakeRecord): Record<string, unknown> {
    const originManagement = handshake.originAccountId;
    return {
      Id: handshake.id,
      Arn: `arn:aws:organizations::${originManagement}:handshake/${handshake.originOrganizationId}/${handshake.action.toLowerCase()}/${handshake.id}`,
      Parties: handshake.parties,
      State: handshake.state,
      RequestedTimestamp: handshake.requestedAt,
      ExpirationTimestamp: handshake.expiresAt,
      Action: handshake.action,
      Resources: handshake.resources,
    };
  }

  /**
   * A transfer as one of its parties sees it: the ARN is in the viewer's account and organization,
   * `inbound` for the party that manages the bill (target), `outbound` for the one whose bill it is.
   */
  renderTransfer(transfer: TransferRecord, viewerAccountId: string): Record<string, unknown> {
    const viewerIsTarget = viewerAccountId === transfer.targetAccountId;
    const viewerOrganization = viewerIsTarget ? transfer.targetOrganizationId : transfer.sourceOrganizationId;
    const direction = viewerIsTarget ? 'inbound' : 'outbound';
    const participant = (accountId: string): Record<string, unknown> => ({
      ManagementAccountId: accountId,
      ManagementAccountEmail: this.ensureAccount(accountId).email,
    });
    return {
      Arn: `arn:aws:organizations::${viewerAccountId}:transfer/${viewerOrganization}/billing/${direction}/${transfer.id}`,
      Name: viewerIsTarget ? transfer.names.target : transfer.names.source,
      Id: transfer.id,
      Type: transfer.type,
      Status: transfer.status,
      Source: participant(transfer.sourceAccountId),
      Target: participant(transfer.targetAccountId),
      StartTimestamp: transfer.startAt,
      ...(transfer.endAt ? { EndTimestamp: transfer.endAt } : {}),
      ActiveHandshakeId: transfer.handshakeId,
    };
  }

  renderCreateAccountStatus(status: CreateAccountStatusRecord): Record<string, unknown> {
    return {
      Id: status.id,
      AccountName: status.accountName,
      State: status.state,
      RequestedTimestamp: status.requestedAt,
      ...(status.completedAt ? { CompletedTimestamp: status.completedAt } : {}),
      ...(status.accountId ? { AccountId: status.accountId } : {}),
      ...(status.failureReason ? { FailureReason: status.failureReason } : {}),
    };
  }
}
