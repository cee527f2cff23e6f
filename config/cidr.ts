/**
 * IPv4 CIDR arithmetic done at synth time, so subnet CIDRs land in the
 * synthesized JSON as literals a reviewer can read (Terraform's `cidrsubnet`
 * would leave an expression there instead).
 */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for anything that is not a valid IPv4 CIDR. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { network: address, prefix };
}

/** True when the address has no bits set below the prefix (`10.0.0.0/16`, not `10.0.1.0/16`). */
export function isNetworkAddress(cidr: Ipv4Cidr): boolean {
  return (cidr.network & ~mask(cidr.prefix)) >>> 0 === 0;
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
}

/** Same contract as Terraform's `cidrsubnet(prefix, newbits, netnum)`. */
export function cidrSubnet(base: Ipv4Cidr, newBits: number, netNum: number): Ipv4Cidr {
  const prefix = base.prefix + newBits;
  if (prefix > 32) {
    throw new Error(`cannot extend /${base.prefix} by ${newBits} bits: the result would be longer than /32`);
  }
  if (netNum < 0 || netNum >= 2 ** newBits) {
    throw new Error(`network number ${netNum} does not fit in ${newBits} new bits`);
  }
  const network = (base.network + netNum * 2 ** (32 - prefix)) >>> 0;
  return { network, prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  return (inner.network & mask(outer.prefix)) >>> 0 === outer.network;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The subnets of one availability zone. */
export interface SubnetLayout {
  readonly publicCidrs: string[];
  readonly privateCidrs: string[];
}

/**
 * IOMETE's layout: public subnets are `cidrsubnet(vpc, 4, k)` (a /20 of a /16) and
 * private subnets `cidrsubnet(vpc, 3, k + 5)` (a /19 of a /16), so the private
 * ranges sit in the top three eighths of the VPC and never collide with the
 * public ones for up to three zones.
 */
export function iometeSubnetLayout(vpcCidr: string, azCount: number): SubnetLayout {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`"${vpcCidr}" is not a valid IPv4 CIDR`);
  const zones = Array.from({ length: azCount }, (_, k) => k);
  return {
    publicCidrs: zones.map((k) => formatCidr(cidrSubnet(vpc, 4, k))),
    privateCidrs: zones.map((k) => formatCidr(cidrSubnet(vpc, 3, k + 5))),
  };
}
