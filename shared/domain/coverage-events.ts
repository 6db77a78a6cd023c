import * as z from 'zod/mini';
import { detailTypes, publishedSource, type PublishedEvent } from './published-events';

/**
 * `Coverage Gap Detected`: an account of the organization that the Security Incident Response
 * membership does not cover, found when the account joined or moved, or (`lost`) when the audit
 * found an account it had read covered no longer covered. Versioned like every published
 * detail; `key` (the ledger id of the check) is what a consumer deduplicates on.
 */
export const coverageGapSchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  /** `account:<id>`. */
  subject: z.string(),
  accountId: z.string(),
  membershipId: z.string(),
  coverageMode: z.string(),
  /** What BatchGetMemberAccountDetails answered for the account (`Unknown` with an error). */
  coverage: z.enum(['Disassociated', 'Unassociated', 'Unknown']),
  /** The account's parent: an OU (`ou-…`) or the root (`r-…`). */
  parentId: z.optional(z.string()),
  /**
   * Why orgwarden looked: the account joined or moved, or the audit found its coverage lost (`lost`, schema version 1
   * additions).
   */
  trigger: z.enum(['joined', 'moved', 'lost']),
  reaction: z.literal('coverageGap'),
  mode: z.enum(['notify', 'enforce']),
  at: z.string(),
});

export interface CoverageGapInput {
  readonly ledgerId: string;
  readonly subject: string;
  readonly accountId: string;
  readonly membershipId: string;
  readonly coverageMode: string;
  readonly coverage: 'Disassociated' | 'Unassociated' | 'Unknown';
  readonly parentId?: string;
  readonly trigger: 'joined' | 'moved' | 'lost';
  readonly mode: 'notify' | 'enforce';
  readonly at: string;
  readonly resources: readonly string[];
}

export const coverageGapEvent = (input: CoverageGapInput): PublishedEvent => {
  const { ledgerId, resources, parentId, ...rest } = input;
  const detail = coverageGapSchema.parse({
    schemaVersion: 1,
    key: `${ledgerId}#gap`,
    ...rest,
    ...(parentId ? { parentId } : {}),
    reaction: 'coverageGap',
  });
  return { source: publishedSource, detailType: detailTypes.coverageGapDetected, detail, time: input.at, resources };
};
