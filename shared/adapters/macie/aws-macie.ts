import {
  ConflictException,
  CreateMemberCommand,
  GetMemberCommand,
  Macie2Client,
  type GetMemberCommandOutput,
  ListMembersCommand,
  ResourceNotFoundException,
  type Macie2ClientConfig,
  type Member,
} from '@aws-sdk/client-macie2';
import { OrgwardenError, UpstreamRejectedError } from '../../domain/errors';
import { macieRelationshipStatuses, type MacieRelationshipStatus } from '../../domain/subjects/macie-member';
import { readEnum } from '../../domain/unrecognized';
import {
  macieMemberSubject,
  type MacieCreateMemberOutcome,
  type MacieMember,
  type MacieMembers,
  type MacieReader,
} from '../../ports/macie';
import type { CallCount } from '../../ports/call-count';
import { classifyAwsError } from '../aws-errors';

/** How {@link AwsMacie} makes its regional clients. */
export interface AwsMacieOptions {
  /** The configuration every regional client shares (credentials, retries; `endpoint` for the local emulator). */
  clientConfig?: Omit<Macie2ClientConfig, 'region'>;
  /** Makes the client of a Region instead (e.g. a mocked client); the adapter then never destroys it. */
  clientFor?: (region: string) => Macie2Client;
}

// A Region name as AWS spells them (us-east-1, eu-central-2, us-gov-west-1): a malformed one would
// turn into an endpoint host name, so it is refused before any call.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
/** At most 25 members per ListMembers page (the macie2 model's MaxResults, 1–25). */
export const MAX_MEMBERS_PER_PAGE = 25;
/** Statuses in which the account is currently a member: CreateMember has nothing left to do. */
const ASSOCIATED: ReadonlySet<MacieRelationshipStatus> = new Set(['Enabled', 'Paused']);

const isStatus = (value: unknown): value is MacieRelationshipStatus =>
  macieRelationshipStatuses.some((s) => s === value);

/** Maps a failed call onto orgwarden's error families (errors already mapped pass through). */
const toPortError = (error: unknown, what: string): Error =>
  error instanceof OrgwardenError ? error : classifyAwsError(error, what);

/**
 * {@link MacieReader} and {@link MacieMembers} on `@aws-sdk/client-macie2`, as the Macie
 * administrator account. Macie is regional: one client per Region, made on first use.
 */
export class AwsMacie implements MacieReader, MacieMembers {
  private readonly clients = new Map<string, Macie2Client>();

  constructor(private readonly options: AwsMacieOptions = {}) {}

  async getMember(region: string, accountId: string): Promise<MacieMember | undefined> {
    const client = this.clientOf(region, accountId);
    try {
      // Not a member of the administrator (never, or deleted) is a state to record, not a failure.
      const member = await this.memberOf(client, accountId);
      return member ? toMember(member, region, accountId) : undefined;
    } catch (error) {
      throw toPortError(error, `GetMember ${macieMemberSubject(region, accountId)}`);
    }
  }

  async listMembers(region: string, count?: CallCount): Promise<MacieMember[]> {
    const client = this.clientOf(region);
    const members: MacieMember[] = [];
    let nextToken: string | undefined;
    try {
      do {
        if (count) count.calls++;
        // ListMembers returns "only current member accounts" by default: `false` asks for all of
        // them; pages of the model's largest size (the service's default is not documented).
        const page = await client.send(
          new ListMembersCommand({
            onlyAssociated: 'false',
            maxResults: MAX_MEMBERS_PER_PAGE,
            ...(nextToken ? { nextToken } : {}),
          }),
        );
        for (const member of page.members ?? []) members.push(toMember(member, region, member.accountId));
        nextToken = page.nextToken || undefined;
      } while (nextToken);
    } catch (error) {
      throw toPortError(error, `ListMembers ${region}`);
    }
    return members;
  }

  async createMember(region: string, accountId: string, email?: string): Promise<MacieCreateMemberOutcome> {
    const subject = macieMemberSubject(region, accountId);
    const client = this.clientOf(region, accountId);
    try {
      let address = email;
      if (address === undefined) {
        const existing = await this.memberOf(client, accountId);
        if (existing && isStatus(existing.relationshipStatus) && ASSOCIATED.has(existing.relationshipStatus))
          return 'already-associated';
        // Macie keeps the email of an invitation-based member only; the API omits it for organization members.
        address = existing?.email ?? undefined;
      }
      if (!address)
        throw new UpstreamRejectedError(
          `CreateMember ${subject}: Macie requires the account's email address and knows none for it; pass it (AWS ` +
            `Organizations DescribeAccount has it)`,
        );
      try {
        await client.send(new CreateMemberCommand({ account: { accountId, email: address } }));
        return 'associated';
      } catch (error) {
        // Already associated (a retry after a lost answer, or someone was first): settled if it is a member now.
        if (error instanceof ConflictException) {
          const now = await this.memberOf(client, accountId);
          if (now && isStatus(now.relationshipStatus) && ASSOCIATED.has(now.relationshipStatus))
            return 'already-associated';
        }
        throw error;
      }
    } catch (error) {
      throw toPortError(error, `CreateMember ${subject}`);
    }
  }

  /** Destroys the clients this adapter made (not those `clientFor` gave it). */
  destroy(): void {
    if (!this.options.clientFor) this.clients.forEach((client) => client.destroy());
    this.clients.clear();
  }

  /** The member as GetMember answers it; undefined when the account is not a member. */
  private async memberOf(client: Macie2Client, accountId: string): Promise<GetMemberCommandOutput | undefined> {
    try {
      return await client.send(new GetMemberCommand({ id: accountId }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  private clientOf(region: string, accountId?: string): Macie2Client {
    if (!REGION.test(region)) throw new UpstreamRejectedError(`Macie: "${region}" is not an AWS Region name`);
    if (accountId !== undefined && !ACCOUNT_ID.test(accountId))
      throw new UpstreamRejectedError(`Macie: an account id has 12 digits, got "${accountId}"`);
    let client = this.clients.get(region);
    if (!client) {
      client = this.options.clientFor?.(region) ?? new Macie2Client({ ...this.options.clientConfig, region });
      this.clients.set(region, client);
    }
    return client;
  }
}

/**
 * A member of the API as the port's record. A status the model does not list (AWS added it since, as
 * it added `RegionDisabled`) is given as read, never guessed at (the subject notes it); an absent or
 * malformed one is a broken answer, refused.
 */
function toMember(member: Omit<Member, 'tags'>, region: string, fallbackAccountId: string | undefined): MacieMember {
  const accountId = member.accountId ?? fallbackAccountId ?? '';
  const relationshipStatus = readEnum(
    macieRelationshipStatuses,
    member.relationshipStatus,
    'macieMember.relationshipStatus',
    [],
  );
  if (relationshipStatus === undefined) {
    throw new UpstreamRejectedError(
      `Macie member ${macieMemberSubject(region, accountId)} has no valid relationshipStatus: ` +
        `${JSON.stringify(String(member.relationshipStatus).slice(0, 80))}`,
    );
  }
  return {
    accountId,
    region,
    relationshipStatus,
    administratorAccountId: member.administratorAccountId ?? member.masterAccountId,
    updatedAt: member.updatedAt?.toISOString(),
    invitedAt: member.invitedAt?.toISOString(),
  };
}
