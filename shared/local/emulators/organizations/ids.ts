import { RandomIds } from '../common/ids';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/**
 * Generates the identifiers of the emulated organization, in the formats of the model's patterns
 * (request and event UUIDs come from {@link RandomIds}).
 */
export class IdGenerator extends RandomIds {
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
}
