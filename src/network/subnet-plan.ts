import { IPv4, IPv4CidrRange, IPv4Prefix, Validator } from "ip-num";

/**
 * The subnet layout of a workload VPC: pure CIDR math, no Terraform.
 *
 * The VPC CIDR is cut into TIER_SLOTS equal blocks, one per tier at a fixed slot (public 0, private 1, isolated 2,
 * slot 3 spare for a later tier). Each tier block is cut into AZ_SLOTS equal subnets, one per availability zone
 * index. A subnet's CIDR therefore depends only on the VPC CIDR, its tier and its AZ index: adding a tier or an
 * AZ later adds subnets in empty slots and never moves an existing one (a moved subnet CIDR would replace the
 * subnet and everything in it).
 */

/** Subnet tiers, in the order of their slots. */
export const TIERS = ["public", "private", "isolated"] as const;
export type Tier = (typeof TIERS)[number];

/** Fixed slot of each tier inside the VPC CIDR. Never renumber: every subnet would move. */
export const TIER_SLOT: Readonly<Record<Tier, number>> = { public: 0, private: 1, isolated: 2 };
/** Slots per VPC: three tiers and one spare. */
export const TIER_SLOTS = 4;
/** AZ slots per tier: sized for four, though MAX_AVAILABILITY_ZONES is three, so a fourth AZ can come later. */
export const AZ_SLOTS = 4;
/** AZ counts the landing zone supports: every commercial Region has at least three AZs. */
export const MIN_AVAILABILITY_ZONES = 1;
export const MAX_AVAILABILITY_ZONES = 3;

/**
 * VPC prefix lengths allowed. AWS allows /16-/28 for a VPC and at least /28 for a subnet; with 16 subnet slots a
 * subnet is 4 bits longer than the VPC, so /24 is the longest VPC prefix (/28 subnets, 11 usable addresses) and /16
 * the shortest (/20 subnets, 4091 usable addresses).
 */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 24;

const TIER_BITS = Math.log2(TIER_SLOTS);
const AZ_BITS = Math.log2(AZ_SLOTS);

/** The private address ranges of RFC 1918. */
export const RFC1918_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;
const RFC1918 = RFC1918_RANGES.map((cidr) => IPv4CidrRange.fromCidr(cidr));

/** Dotted quad, slash, one or two digits: ip-num alone would accept a zero-padded prefix such as /016. */
const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** Why a string is not an IPv4 CIDR block with its host bits clear, or undefined when it is one. */
export function cidrSyntaxProblem(cidr: string): string | undefined {
  if (!CIDR_SHAPE.test(cidr)) return `"${cidr}" is not an IPv4 CIDR block such as 10.20.0.0/16`;
  const [valid, errors] = Validator.isValidIPv4CidrRange(cidr);
  if (valid) return undefined;
  const range = safeRange(cidr);
  if (range !== undefined) return `"${cidr}" has host bits set; the network address of that block is ${range.toCidrString()}`;
  return `"${cidr}" is not a valid IPv4 CIDR block (${errors.join("; ")})`;
}

/** Why a string cannot be a workload VPC's CIDR, or undefined when it can. */
export function vpcCidrProblem(cidr: string): string | undefined {
  const syntax = cidrSyntaxProblem(cidr);
  if (syntax !== undefined) return syntax;
  const range = IPv4CidrRange.fromCidr(cidr);
  if (!RFC1918.some((private_) => private_.contains(range)))
    return `"${cidr}" is not a private range; a VPC CIDR must lie inside ${RFC1918_RANGES.join(", ")} (RFC 1918)`;
  const prefix = prefixLength(range);
  if (prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX)
    return `"${cidr}" is a /${prefix}; a VPC CIDR must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX} (AWS allows /16 at most, and /${MAX_VPC_PREFIX} still gives /28 subnets)`;
  return undefined;
}

/** Whether two valid CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [x, y] = [addressSpan(a), addressSpan(b)];
  return x.first <= y.last && y.first <= x.last;
}

/** First and last address of a valid CIDR block, as plain numbers (32 bits fit a double exactly). */
export interface AddressSpan {
  readonly first: number;
  readonly last: number;
}

/** The addresses of a valid CIDR block (cidrSyntaxProblem passed), parsed with plain arithmetic: no allocation per bit. */
export function addressSpan(cidr: string): AddressSpan {
  const [address = "", prefix = ""] = cidr.split("/");
  const first = address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
  return { first, last: first + 2 ** (32 - Number(prefix)) - 1 };
}

/**
 * Every pair of overlapping blocks, as indexes into `cidrs` (lower index first), ordered by the higher index and then
 * the lower. Sort and sweep: CIDR blocks either nest or are disjoint, so after sorting by first address (the larger
 * block first on a tie) the blocks still open when one starts are exactly those that contain it. O(n log n + pairs),
 * each CIDR parsed once; a quadratic all-pairs comparison took most of a 1000-account synth.
 */
export function overlappingPairs(cidrs: readonly string[]): [number, number][] {
  const spans = cidrs.map((cidr, index) => ({ ...addressSpan(cidr), index }));
  spans.sort((a, b) => a.first - b.first || b.last - a.last || a.index - b.index);
  const open: (AddressSpan & { readonly index: number })[] = [];
  const pairs: [number, number][] = [];
  for (const span of spans) {
    while (open.length > 0 && (open.at(-1) as AddressSpan).last < span.first) open.pop();
    for (const container of open) pairs.push(container.index < span.index ? [container.index, span.index] : [span.index, container.index]);
    open.push(span);
  }
  return pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** The block of one tier: all its AZ slots, used in network ACL rules so they also cover AZs added later. */
export function tierCidr(vpcCidr: string, tier: Tier): string {
  return nthBlock(vpcCidr, TIER_BITS, TIER_SLOT[tier]);
}

/** The CIDR of the subnet of a tier in the AZ with this index (0-based). */
export function subnetCidr(vpcCidr: string, tier: Tier, azIndex: number): string {
  if (!Number.isInteger(azIndex) || azIndex < 0 || azIndex >= AZ_SLOTS)
    throw new RangeError(`AZ index ${azIndex} is outside 0-${AZ_SLOTS - 1}`);
  return nthBlock(vpcCidr, TIER_BITS + AZ_BITS, TIER_SLOT[tier] * AZ_SLOTS + azIndex);
}

/**
 * The availability zone with this index: `<region>a`, `<region>b`, `<region>c`.
 *
 * A static choice, known at synth time, so plans and tests show the real zone and a subnet never moves because a
 * data source answered differently. The trade-off: zone names map to different physical zones in each account (so
 * two accounts' `a` may differ; use zone ids to line accounts up), and a few older Regions skip a letter for some
 * accounts (us-east-1, ap-northeast-1). The data source aws_availability_zones would avoid the second problem but
 * makes the zone unknown until plan and lets a newly added zone reorder the list. The landing zone's home Region is
 * London (eu-west-2a/b/c), where the letters are contiguous.
 */
export function availabilityZoneName(region: string, azIndex: number): string {
  if (!Number.isInteger(azIndex) || azIndex < 0 || azIndex >= AZ_SLOTS)
    throw new RangeError(`AZ index ${azIndex} is outside 0-${AZ_SLOTS - 1}`);
  return `${region}${"abcd"[azIndex]}`;
}

export interface PlannedSubnet {
  readonly tier: Tier;
  readonly azIndex: number;
  readonly availabilityZone: string;
  readonly cidr: string;
}

export interface SubnetPlanInput {
  readonly cidr: string;
  readonly tiers: readonly Tier[];
  readonly availabilityZones: number;
}

/** Every subnet of a VPC, ordered by tier slot then AZ index. */
export function planSubnets(network: SubnetPlanInput, region: string): PlannedSubnet[] {
  const problem = vpcCidrProblem(network.cidr);
  if (problem !== undefined) throw new Error(problem);
  if (network.availabilityZones < MIN_AVAILABILITY_ZONES || network.availabilityZones > MAX_AVAILABILITY_ZONES)
    throw new RangeError(`${network.availabilityZones} availability zones; supported: ${MIN_AVAILABILITY_ZONES}-${MAX_AVAILABILITY_ZONES}`);
  return TIERS.filter((tier) => network.tiers.includes(tier)).flatMap((tier) =>
    Array.from({ length: network.availabilityZones }, (_, azIndex) => ({
      tier,
      azIndex,
      availabilityZone: availabilityZoneName(region, azIndex),
      cidr: subnetCidr(network.cidr, tier, azIndex),
    })),
  );
}

/** The n-th of the 2^extraBits equal blocks of a CIDR block. */
function nthBlock(cidr: string, extraBits: number, n: number): string {
  const range = IPv4CidrRange.fromCidr(cidr);
  const prefix = prefixLength(range) + extraBits;
  if (prefix > 32) throw new RangeError(`${cidr} is too small to cut into ${2 ** extraBits} blocks`);
  const size = 1n << BigInt(32 - prefix);
  const first = range.getFirst().getValue() + BigInt(n) * size;
  return new IPv4CidrRange(IPv4.fromNumber(first), IPv4Prefix.fromNumber(BigInt(prefix))).toCidrString();
}

function prefixLength(range: IPv4CidrRange): number {
  return Number(range.getPrefix().getValue());
}

/** The range of a CIDR whose address has host bits set, rounded down to its network address; undefined if unparseable. */
function safeRange(cidr: string): IPv4CidrRange | undefined {
  try {
    const [address, prefix] = cidr.split("/");
    const bits = Number(prefix);
    if (address === undefined || !(bits >= 0 && bits <= 32)) return undefined;
    const value = IPv4.fromDecimalDottedString(address).getValue();
    const mask = bits === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - bits)) - 1n);
    return new IPv4CidrRange(IPv4.fromNumber(value & mask), IPv4Prefix.fromNumber(BigInt(bits)));
  } catch {
    return undefined;
  }
}
