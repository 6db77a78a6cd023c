import { randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/**
 * Generates the identifiers of the emulated world, in the formats of the model's patterns. With a
 * seeded `random` every id (and so every event) is reproducible across runs.
 */
export class IdGenerator {
  constructor(private readonly random: (() => number) | undefined) {}

  private pick(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      const r = this.random ? this.random() : Math.random();
      out += alphabet[Math.floor(r * alphabet.length) % alphabet.length];
    }
    return out;
  }

  /** `o-` + 10 lowercase letters or digits (OrganizationId: `^o-[a-z0-9]{10,32}$`). */
  organizationId(): string {
    return `o-${this.pick(LOWER_ALNUM, 10)}`;
  }

  /** `r-` + 4 (RootId: `^r-[0-9a-z]{4,32}$`). */
  rootId(): string {
    return `r-${this.pick(LOWER_ALNUM, 4)}`;
  }

  /** `ou-<root suffix>-<8>` (OrganizationalUnitId: `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`). */
  organizationalUnitId(rootId: string): string {
    return `ou-${rootId.slice(2)}-${this.pick(LOWER_ALNUM, 8)}`;
  }

  /** 12 digits, never starting with 0 so it reads like a real account id. */
  accountId(): string {
    return `${this.pick('123456789', 1)}${this.pick(DIGITS, 11)}`;
  }

  /** `h-` + 32 (HandshakeId: `^h-[0-9a-z]{8,32}$`). */
  handshakeId(): string {
    return `h-${this.pick(LOWER_ALNUM, 32)}`;
  }

  /** `car-` + 32 (CreateAccountRequestId: `^car-[a-z0-9]{8,32}$`). */
  createAccountRequestId(): string {
    return `car-${this.pick(LOWER_ALNUM, 32)}`;
  }

  /** `rt-` + 16 (ResponsibilityTransferId: `^rt-[0-9a-z]{8,32}$`). */
  transferId(): string {
    return `rt-${this.pick(LOWER_ALNUM, 16)}`;
  }

  /** A UUID for request ids and event ids. */
  uuid(): string {
    if (!this.random) return randomUUID();
    const hex = this.pick('0123456789abcdef', 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}
