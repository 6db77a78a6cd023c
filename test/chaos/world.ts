import * as macie from '@aws-sdk/client-macie2';
import * as organizations from '@aws-sdk/client-organizations';
import * as securityIr from '../../shared/adapters/security-ir';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { managementAccountId, payee, trustedPayer, untrustedPayer, type ChaosPlan, type WorldAction } from './plan';

type Client = { send(command: unknown): Promise<unknown>; destroy(): void };
type Service = 'organizations' | 'security-ir' | 'macie2';

/** What one world step did: its calls and how they ended (two runs of one plan must agree). */
export interface WorldRecord {
  readonly step: number;
  readonly action: string;
  readonly outcome: string;
}

const sdk: Record<Service, { Client: new (config: object) => Client; commands: Record<string, unknown> }> = {
  organizations: { Client: organizations.OrganizationsClient, commands: organizations },
  'security-ir': { Client: securityIr.SecurityIRClient, commands: securityIr },
  macie2: { Client: macie.Macie2Client, commands: macie },
};

/**
 * The world around orgwarden, as a chaos plan changes it: each account calls the emulators through
 * the real SDK clients (as a scenario's steps do). It keeps what its calls created under the plan's
 * names, and names every id it saw created (`aliases`): two runs of one plan create the same things,
 * but their ids may differ once orgwarden's calls drew differently from the emulators' seeded ids.
 */
export class World {
  private readonly clients = new Map<string, Client>();
  /** Plan names (`inv2`, `acct1`, `workloads`) to the ids they got. */
  private readonly ids = new Map<string, string>();
  private readonly parents = new Map<string, string>();
  readonly aliases = new Map<string, string>();
  readonly records: WorldRecord[] = [];
  membershipId: string | undefined;

  constructor(
    private readonly stack: LocalStack,
    private readonly plan: ChaosPlan,
  ) {}

  private client(service: Service, caller: string): Client {
    const key = `${service}:${caller}`;
    let client = this.clients.get(key);
    if (!client) {
      const endpoint =
        service === 'organizations'
          ? this.stack.endpoints.organizations
          : service === 'macie2'
            ? this.stack.endpoints.macie
            : this.stack.endpoints.securityIr;
      client = new sdk[service].Client({
        region: 'us-east-1',
        endpoint,
        credentials: credentialsFor(caller, 'scenario'),
        maxAttempts: 1,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  private async call<T = Record<string, unknown>>(
    service: Service,
    operation: string,
    input: Record<string, unknown>,
    caller = managementAccountId,
  ): Promise<T> {
    const Command = sdk[service].commands[`${operation}Command`] as new (input: unknown) => unknown;
    return (await this.client(service, caller).send(new Command(input))) as T;
  }

  private name(id: string | undefined, alias: string): string {
    if (!id) throw new Error(`no id for ${alias}`);
    this.aliases.set(id, alias);
    return id;
  }

  private id(ref: string): string {
    // Invited accounts are named by their own ids.
    return this.ids.get(ref) ?? ref;
  }

  /** The organization before the first step: two OUs, the outside parties, the membership covering one OU. */
  async setup(): Promise<void> {
    const world = this.stack.organizations;
    world.registerOutsideAccount({ id: trustedPayer, email: 'billing@payer.example.com', managesOrganization: true });
    world.registerOutsideAccount({
      id: untrustedPayer,
      email: 'finance@stranger.example.net',
      managesOrganization: true,
    });
    world.registerOutsideAccount({ id: payee, email: 'bills@payee.example.org', managesOrganization: true });
    const roots = await this.call<{ Roots: Array<{ Id: string }> }>('organizations', 'ListRoots', {});
    this.ids.set('root', this.name(roots.Roots[0]?.Id, 'ROOT'));
    for (const [ref, name] of [
      ['workloads', 'Workloads'],
      ['sandbox', 'Sandbox'],
    ] as const) {
      const ou = await this.call<{ OrganizationalUnit: { Id: string } }>('organizations', 'CreateOrganizationalUnit', {
        ParentId: this.id('root'),
        Name: name,
      });
      this.ids.set(ref, this.name(ou.OrganizationalUnit.Id, `OU-${ref}`));
    }
    if (this.plan.securityIr) {
      const team = [
        { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
        { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
      ];
      const created = await this.call<{ membershipId: string }>('security-ir', 'CreateMembership', {
        clientToken: 'chaos-membership',
        membershipName: 'orgwarden-chaos',
        incidentResponseTeam: team,
      });
      this.membershipId = this.name(created.membershipId, 'MEMBERSHIP');
      await this.call('security-ir', 'UpdateMembership', {
        membershipId: this.membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [this.id('workloads')] },
      });
    }
  }

  /** Plays one step; a refused call is recorded, as the world would live with it. */
  async play(index: number, action: WorldAction): Promise<void> {
    const label = `${action.kind} ${JSON.stringify(action)}`;
    try {
      await this.act(action);
      this.records.push({ step: index, action: label, outcome: 'ok' });
    } catch (error) {
      this.records.push({ step: index, action: label, outcome: error instanceof Error ? error.name : String(error) });
    }
  }

  private async act(action: WorldAction): Promise<void> {
    switch (action.kind) {
      case 'invite': {
        const out = await this.call<{ Handshake: { Id: string } }>('organizations', 'InviteAccountToOrganization', {
          Target: { Id: action.account, Type: 'ACCOUNT' },
        });
        this.ids.set(action.ref, this.name(out.Handshake.Id, `H-${action.ref}`));
        return;
      }
      case 'accept':
      case 'decline': {
        const invitee = this.invitee(action.invitation);
        await this.call(
          'organizations',
          action.kind === 'accept' ? 'AcceptHandshake' : 'DeclineHandshake',
          { HandshakeId: this.id(action.invitation) },
          invitee,
        );
        if (action.kind === 'accept') this.parents.set(invitee, this.id('root'));
        return;
      }
      case 'cancel':
        await this.call('organizations', 'CancelHandshake', { HandshakeId: this.id(action.invitation) });
        return;
      case 'createAccount': {
        const out = await this.call<{ CreateAccountStatus: { Id: string } }>('organizations', 'CreateAccount', {
          Email: action.email,
          AccountName: action.ref,
        });
        const status = await this.call<{ CreateAccountStatus: { AccountId: string } }>(
          'organizations',
          'DescribeCreateAccountStatus',
          { CreateAccountRequestId: out.CreateAccountStatus.Id },
        );
        const accountId = this.name(status.CreateAccountStatus.AccountId, `A-${action.ref}`);
        this.ids.set(action.ref, accountId);
        this.parents.set(accountId, this.id('root'));
        return;
      }
      case 'move': {
        const accountId = this.id(action.account);
        await this.call('organizations', 'MoveAccount', {
          AccountId: accountId,
          SourceParentId: this.parents.get(accountId),
          DestinationParentId: this.id(action.to),
        });
        this.parents.set(accountId, this.id(action.to));
        return;
      }
      case 'close':
        await this.call('organizations', 'CloseAccount', { AccountId: this.id(action.account) });
        return;
      case 'remove':
        await this.call('organizations', 'RemoveAccountFromOrganization', { AccountId: this.id(action.account) });
        return;
      case 'receiveTransfer':
      case 'sendTransfer': {
        const [caller, target] =
          action.kind === 'receiveTransfer' ? [action.payer, managementAccountId] : [managementAccountId, action.payee];
        const out = await this.call<{ Handshake: { Id: string; Resources?: Array<{ Type: string; Value: string }> } }>(
          'organizations',
          'InviteOrganizationToTransferResponsibility',
          {
            Type: 'BILLING',
            Target: { Id: target, Type: 'ACCOUNT' },
            StartTimestamp: new Date(action.start),
            SourceName: `chaos ${action.ref}`,
          },
          caller,
        );
        this.ids.set(action.ref, this.name(out.Handshake.Id, `H-${action.ref}`));
        const transferId = out.Handshake.Resources?.find((r) => r.Type === 'RESPONSIBILITY_TRANSFER')?.Value;
        this.ids.set(`${action.ref}:transfer`, this.name(transferId, `T-${action.ref}`));
        return;
      }
      case 'acceptTransfer':
      case 'declineTransfer':
        await this.call('organizations', action.kind === 'acceptTransfer' ? 'AcceptHandshake' : 'DeclineHandshake', {
          HandshakeId: this.id(action.transfer),
        });
        return;
      case 'cancelTransfer':
        await this.call('organizations', 'CancelHandshake', { HandshakeId: this.id(action.transfer) });
        return;
      case 'terminateTransfer':
        await this.call('organizations', 'TerminateResponsibilityTransfer', {
          Id: this.id(`${action.transfer}:transfer`),
        });
        return;
      case 'cancelMembership':
        await this.call('security-ir', 'CancelMembership', { membershipId: this.membershipId });
        return;
      case 'restoreMembership':
        await this.call('security-ir', 'UpdateMembership', {
          membershipId: this.membershipId,
          undoMembershipCancellation: true,
        });
        return;
      case 'macieAdd': {
        const accountId = this.id(action.account);
        await this.call('macie2', 'CreateMember', {
          account: { accountId, email: `chaos-${action.account.slice(4)}@example.com` },
        });
        return;
      }
      case 'macieRemove':
        await this.call('macie2', 'DisassociateMember', { id: this.id(action.account) });
        return;
    }
  }

  private invitee(invitation: string): string {
    const step = this.plan.steps.find((s) => s.action.kind === 'invite' && s.action.ref === invitation)!;
    return (step.action as Extract<WorldAction, { kind: 'invite' }>).account;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
  }
}
