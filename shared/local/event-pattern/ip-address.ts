import { isIP } from 'node:net';

/** An IP address as an unsigned integer of its family's width. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** A CIDR block with its mask already applied to the network address. */
export interface CidrBlock {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
}

const FAMILY_BITS = { 4: 32, 6: 128 } as const;

function ipv4ToBigInt(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(text: string): bigint {
  let groups = text;
  // An embedded dotted quad ("::ffff:10.0.0.1") stands for the last two hextets.
  const lastColon = groups.lastIndexOf(':');
  const tail = groups.slice(lastColon + 1);
  if (tail.includes('.')) {
    const embedded = ipv4ToBigInt(tail);
    groups = `${groups.slice(0, lastColon + 1)}${(embedded >> 16n).toString(16)}:${(embedded & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = groups.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  return [...headGroups, ...zeros, ...restGroups].reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

/**
 * Parses an IPv4 or IPv6 literal; `node:net` decides what is well formed and
 * the conversion to an integer is done here.
 *
 * @param text - candidate address, e.g. `10.0.0.1` or `2001:db8::1`
 * @returns the address, or undefined for anything that is not a plain IP literal (zone ids included)
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const family = isIP(text);
  if (family === 4) return { family: 4, value: ipv4ToBigInt(text) };
  // A zone id names an interface on one host, which a CIDR block cannot mean.
  if (family === 6 && !text.includes('%')) return { family: 6, value: ipv6ToBigInt(text) };
  return undefined;
}

/**
 * Parses a `cidr` operand such as `10.0.0.0/24` or `2001:db8::/32`.
 *
 * @param text - the operand as written in the pattern
 * @returns the block, with host bits of the base address cleared
 * @throws Error describing why the operand is not a CIDR block
 */
export function parseCidr(text: string): CidrBlock {
  const parts = text.split('/');
  if (parts.length !== 2) throw new Error('a CIDR block needs exactly one "/"');
  const [base = '', bits = ''] = parts;
  const address = parseIpAddress(base);
  if (address === undefined) throw new Error(`"${base}" is not an IPv4 or IPv6 address`);
  if (!/^\d{1,3}$/.test(bits)) throw new Error(`prefix length "${bits}" is not a number`);
  const width = FAMILY_BITS[address.family];
  const prefix = Number(bits);
  if (prefix > width) throw new Error(`prefix length ${prefix} exceeds ${width} for IPv${address.family}`);
  const all = (1n << BigInt(width)) - 1n;
  const mask = all ^ ((1n << BigInt(width - prefix)) - 1n);
  return { family: address.family, network: address.value & mask, mask };
}

/**
 * Tells whether an event string is an IP address inside a CIDR block.
 *
 * @param block - result of {@link parseCidr}
 * @param text - the event value
 * @returns false for non-addresses and for addresses of the other family
 */
export function cidrContains(block: CidrBlock, text: string): boolean {
  const address = parseIpAddress(text);
  return address !== undefined && address.family === block.family && (address.value & block.mask) === block.network;
}
