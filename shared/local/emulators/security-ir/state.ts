import { fail } from './errors';
import type { CaseRecord, MembershipRecord } from './types';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A stored answer to a call made with a client token, and what the call asked. */
interface TokenRecord {
  fingerprint: string;
  output: Record<string, unknown>;
}

/**
 * The state of the emulated service in one region: memberships, cases with their comments, and the
 * answers given to client tokens. It owns ids and ARNs; the handlers own the rules.
 */
export class SecurityIrState {
  readonly memberships = new Map<string, MembershipRecord>();
  readonly cases = new Map<string, CaseRecord>();
  /** Tags by resource ARN (memberships and cases). */
  readonly tags = new Map<string, Record<string, string>>();
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(
    readonly region: string,
    private readonly random: () => number,
  ) {}

  private pick(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length) % alphabet.length];
    return out;
  }

  /** `m-` + 16 lowercase letters or digits (MembershipId: `m-[a-z0-9]{10,32}`). */
  membershipId(): string {
    let id = `m-${this.pick(LOWER_ALNUM, 16)}`;
    while (this.memberships.has(id)) id = `m-${this.pick(LOWER_ALNUM, 16)}`;
    return id;
  }

  /** 10 digits (CaseArn ends in `case/[0-9]{10}`), never starting with 0. */
  caseId(): string {
    const next = (): string => `${this.pick('123456789', 1)}${this.pick('0123456789', 9)}`;
    let id = next();
    while (this.cases.has(id)) id = next();
    return id;
  }

  /** 6 digits (CommentId: `\d{6}`), numbered within the case. */
  commentId(record: CaseRecord): string {
    return String(record.comments.length + 1).padStart(6, '0');
  }

  /** `inv-` + 16 lowercase letters or digits (InvestigationId: `inv-[a-z0-9]{10,32}`). */
  investigationId(): string {
    return `inv-${this.pick(LOWER_ALNUM, 16)}`;
  }

  /** A lowercase UUID (AttachmentId is a UUID pattern). */
  attachmentId(): string {
    const hex = this.pick('0123456789abcdef', 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  membershipArn(membership: MembershipRecord): string {
    return `arn:aws:security-ir:${membership.region}:${membership.accountId}:membership/${membership.id}`;
  }

  caseArn(record: Pick<CaseRecord, 'accountId' | 'id'>): string {
    return `arn:aws:security-ir:${this.region}:${record.accountId}:case/${record.id}`;
  }

  /**
   * The answer already given to a client token, if any. The same token with a different request is
   * refused: the model has no IdempotentParameterMismatch error, so ConflictException (the model's
   * error for requests that clash with the state of a resource) stands for it.
   *
   * @param key - caller, operation and token
   * @param token - the client token itself, named in the refusal
   * @param fingerprint - the request without its token, canonically serialized
   */
  replay(key: string, token: string, fingerprint: string): Record<string, unknown> | undefined {
    const seen = this.tokens.get(key);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint)
      throw fail.conflict('The clientToken was already used with a different request.', token, 'clientToken');
    return seen.output;
  }

  /** Keeps the answer to a client token for {@link replay}. */
  remember(key: string, fingerprint: string, output: Record<string, unknown>): void {
    this.tokens.set(key, { fingerprint, output });
  }
}

/** A canonical JSON serialization (sorted keys): equal requests give equal fingerprints. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(canonical(value));
}
