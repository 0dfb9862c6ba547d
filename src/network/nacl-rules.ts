import { tierCidr, type Tier } from "./subnet-plan";

/** IANA protocol numbers: the provider stores numbers, so names would show a change on every plan. */
export const PROTOCOL = { all: "-1", icmp: "1", tcp: "6", udp: "17" } as const;

/** Administration ports no tier accepts from anywhere (SSH, RDP over TCP and UDP); people use Session Manager. */
export const ADMIN_PORTS: readonly { readonly protocol: string; readonly port: number; readonly name: string }[] = [
  { protocol: PROTOCOL.tcp, port: 22, name: "ssh" },
  { protocol: PROTOCOL.tcp, port: 3389, name: "rdp" },
  { protocol: PROTOCOL.udp, port: 3389, name: "rdp-udp" },
];

/**
 * Ports of return traffic. Network ACLs are stateless, so replies must be allowed explicitly. NAT gateways use
 * source ports 1024-65535, Linux 32768-60999 and Windows 49152-65535; 1024-65535 covers them all.
 */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/**
 * The ephemeral range allowed in from anywhere, as ranges that leave out every admin port. AWS Config's
 * nacl-no-unrestricted-ssh-rdp (Security Hub EC2.21, CIS AWS Foundations 5.1) judges each inbound allow entry
 * alone, whatever deny entries come first: an entry from 0.0.0.0/0 whose range contains 22 or 3389 is
 * NON_COMPLIANT (https://docs.aws.amazon.com/config/latest/developerguide/nacl-no-unrestricted-ssh-rdp.html). So
 * 1024-65535 becomes 1024-3388 and 3390-65535 (22 is below the range). The admin denies still come first. A
 * connection that happens to use source port 3389 gets no reply and is retried: the price of "never 3389 from
 * anywhere" in a stateless ACL.
 */
export function ephemeralRangesWithoutAdminPorts(): readonly { readonly from: number; readonly to: number }[] {
  const excluded = [...new Set(ADMIN_PORTS.map((admin) => admin.port))].sort((a, b) => a - b);
  const ranges: { from: number; to: number }[] = [];
  let from: number = EPHEMERAL_PORTS.from;
  for (const port of excluded) {
    if (port < from || port > EPHEMERAL_PORTS.to) continue;
    if (port > from) ranges.push({ from, to: port - 1 });
    from = port + 1;
  }
  if (from <= EPHEMERAL_PORTS.to) ranges.push({ from, to: EPHEMERAL_PORTS.to });
  return ranges;
}

/**
 * AWS's default quota of network ACL rules per ACL, per direction (VPC UG, Amazon VPC quotas, "Rules per network
 * ACL": 20, adjustable to 40): https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 */
export const NACL_RULES_PER_DIRECTION = 20;

export interface NaclRule {
  /** Construct id suffix, stable: it is part of the Terraform address. */
  readonly name: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: "allow" | "deny";
  readonly protocol: string;
  readonly cidrBlock?: string;
  readonly ipv6CidrBlock?: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

export interface NaclInput {
  readonly cidr: string;
  readonly tiers: readonly Tier[];
  readonly isolatedPorts: readonly number[];
}

const ANYWHERE_V4 = "0.0.0.0/0";
const ANYWHERE_V6 = "::/0";

/** Rules 10-15 in every tier: admin ports denied from any IPv4 or IPv6 address, before any allow can match. */
function adminDenies(): NaclRule[] {
  return ADMIN_PORTS.flatMap((admin, i) => [
    { name: `deny-${admin.name}-ipv4`, ruleNumber: 10 + 2 * i, egress: false, action: "deny" as const, protocol: admin.protocol, cidrBlock: ANYWHERE_V4, fromPort: admin.port, toPort: admin.port },
    { name: `deny-${admin.name}-ipv6`, ruleNumber: 11 + 2 * i, egress: false, action: "deny" as const, protocol: admin.protocol, ipv6CidrBlock: ANYWHERE_V6, fromPort: admin.port, toPort: admin.port },
  ]);
}

function allowAll(name: string, ruleNumber: number, egress: boolean, cidrBlock: string): NaclRule {
  return { name, ruleNumber, egress, action: "allow", protocol: PROTOCOL.all, cidrBlock, fromPort: 0, toPort: 0 };
}

function allowTcp(name: string, ruleNumber: number, egress: boolean, cidrBlock: string, fromPort: number, toPort = fromPort): NaclRule {
  return { name, ruleNumber, egress, action: "allow", protocol: PROTOCOL.tcp, cidrBlock, fromPort, toPort };
}

/**
 * Replies from anywhere, one rule per range of ephemeralRangesWithoutAdminPorts, numbered from `firstRuleNumber`.
 * The first keeps the name "allow-replies" (its Terraform address) and the others get their range in the name.
 */
function allowRepliesFromAnywhere(firstRuleNumber: number): NaclRule[] {
  return ephemeralRangesWithoutAdminPorts().map((range, i) =>
    allowTcp(i === 0 ? "allow-replies" : `allow-replies-${range.from}-${range.to}`, firstRuleNumber + i, false, ANYWHERE_V4, range.from, range.to),
  );
}

/** ICMP "fragmentation needed": without it path MTU discovery fails and large replies hang. */
function allowPathMtu(ruleNumber: number): NaclRule {
  return { name: "allow-path-mtu", ruleNumber, egress: false, action: "allow", protocol: PROTOCOL.icmp, cidrBlock: ANYWHERE_V4, fromPort: 0, toPort: 0, icmpType: 3, icmpCode: 4 };
}

/**
 * The baseline network ACL rules of one tier.
 * - public: HTTPS (443) from anywhere, all traffic from the VPC, replies on ephemeral ports; all egress.
 * - private: all traffic from the VPC, replies on ephemeral ports (through NAT, and from S3 and DynamoDB, whose
 *   gateway endpoints keep their public addresses); all egress.
 * - isolated: only the configured TCP ports from the private tier and traffic inside the tier; egress only replies
 *   to the private tier and traffic inside the tier. Nothing else in or out.
 * Every tier denies SSH and RDP from anywhere first. No allow entry from anywhere covers 22 or 3389, and no ACL
 * has more than NACL_RULES_PER_DIRECTION entries in a direction (isolatedPorts is limited to 10 for that).
 */
export function naclRules(network: NaclInput, tier: Tier): NaclRule[] {
  const vpc = network.cidr;
  switch (tier) {
    case "public":
      return [
        ...adminDenies(),
        allowTcp("allow-https", 100, false, ANYWHERE_V4, 443),
        allowAll("allow-vpc", 110, false, vpc),
        ...allowRepliesFromAnywhere(120),
        allowPathMtu(130),
        allowAll("all", 100, true, ANYWHERE_V4),
      ];
    case "private":
      return [
        ...adminDenies(),
        allowAll("allow-vpc", 100, false, vpc),
        ...allowRepliesFromAnywhere(120),
        allowPathMtu(130),
        allowAll("all", 100, true, ANYWHERE_V4),
      ];
    case "isolated": {
      const isolated = tierCidr(vpc, "isolated");
      const fromPrivate = network.tiers.includes("private") ? tierCidr(vpc, "private") : undefined;
      return [
        ...adminDenies(),
        ...(fromPrivate === undefined ? [] : network.isolatedPorts.map((port, i) => allowTcp(`allow-private-${port}`, 100 + i, false, fromPrivate, port))),
        allowAll("allow-tier", 900, false, isolated),
        ...(fromPrivate === undefined ? [] : [allowTcp("replies-to-private", 100, true, fromPrivate, EPHEMERAL_PORTS.from, EPHEMERAL_PORTS.to)]),
        allowAll("tier", 900, true, isolated),
      ];
    }
  }
}
