import { IPv4CidrRange } from "ip-num";
import { TerraformStack, Testing } from "cdktf";
import type { NetworkConfig } from "../src/config/sections/network";
import { WorkloadVpc } from "../src/constructs/workload-vpc";
import { Naming } from "../src/naming";
import { NACL_RULES_PER_DIRECTION, naclRules } from "../src/network/nacl-rules";
import { planSubnets } from "../src/network/subnet-plan";
import { endpointPolicy, flowLogDeliveryPolicy, flowLogKeyPolicy, flowLogTrustPolicy } from "../src/policies/network";
import { configFromData, exampleConfig, exampleConfigData, type SynthesizedStack } from "./helpers";
import { accountNamed } from "./support/fixtures";
import { literalAccountId, synthesizeStackAlone } from "./support/one-stack";

// The example adopts its organization, so every stack gets its id literally. The account stacks are built alone, with
// literal account ids (in the whole app, created accounts' ids come from the organization stack's state).
const ORG_ID = "o-kestrelciv1";
const LOG_ARCHIVE_ID = literalAccountId(exampleConfig(), "log-archive");
const PROD_ID = literalAccountId(exampleConfig(), "voting-prod");

const ref = (type: string, name: string, attribute = "id") => `\${${type}.${name}.${attribute}}`;
const values = (stack: SynthesizedStack, type: string) => Object.values(stack.resources(type));
const keyWhere = (stack: SynthesizedStack, type: string, match: (r: Record<string, any>) => boolean): string => {
  const keys = Object.entries(stack.resources(type)).filter(([, r]) => match(r)).map(([k]) => k);
  if (keys.length !== 1) throw new Error(`expected one ${type}, found ${keys.length}`);
  return keys[0] as string;
};

// --- a network ACL evaluator: rules in rule-number order, first match wins, implicit deny at the end -------------

type Protocol = "tcp" | "udp";
const PROTOCOL_NUMBER: Record<Protocol, string> = { tcp: "6", udp: "17" };

interface Packet {
  /** The other end: the source of an inbound packet, the destination of an outbound one. */
  readonly peer: string;
  readonly protocol: Protocol;
  /** The destination port. */
  readonly port: number;
}

function matches(rule: Record<string, any>, packet: Packet): boolean {
  const ipv6 = packet.peer.includes(":");
  if (ipv6) {
    if (rule.ipv6_cidr_block !== "::/0") return false; // the only IPv6 block the baseline uses
  } else {
    if (rule.cidr_block === undefined) return false;
    if (!IPv4CidrRange.fromCidr(rule.cidr_block).contains(IPv4CidrRange.fromCidr(`${packet.peer}/32`))) return false;
  }
  if (rule.protocol === "-1") return true;
  if (rule.protocol !== PROTOCOL_NUMBER[packet.protocol]) return false;
  return packet.port >= rule.from_port && packet.port <= rule.to_port;
}

function aclRules(stack: SynthesizedStack, tier: string): Record<string, any>[] {
  const acl = keyWhere(stack, "aws_network_acl", (r) => r.tags.Name.endsWith(`-${tier}`));
  return values(stack, "aws_network_acl_rule").filter((r) => r.network_acl_id === ref("aws_network_acl", acl));
}

function decide(stack: SynthesizedStack, tier: string, direction: "in" | "out", packet: Packet): "allow" | "deny" {
  const rules = aclRules(stack, tier)
    .filter((r) => r.egress === (direction === "out"))
    .sort((a, b) => a.rule_number - b.rule_number);
  return rules.find((r) => matches(r, packet))?.rule_action ?? "deny";
}

// ------------------------------------------------------------------------------------------------------------------

describe("workload VPC", () => {
  let prod: SynthesizedStack;
  let nonprod: SynthesizedStack;
  beforeAll(() => {
    prod = synthesizeStackAlone("account-voting-prod");
    nonprod = synthesizeStackAlone("account-voting-nonprod");
  });
  const config = exampleConfig();
  const naming = new Naming(config.organization);
  const INTERNET = "203.0.113.7";
  const PUBLIC_TIER_HOST = "10.20.5.5";
  const PRIVATE_TIER_HOST = "10.20.70.5";
  const ISOLATED_TIER_HOST = "10.20.140.9";

  it("is created only in workload accounts with a network section", () => {
    expect(values(prod, "aws_vpc")).toHaveLength(1);
    expect(values(nonprod, "aws_vpc")).toHaveLength(1);
    for (const name of ["account-log-archive", "account-audit", "account-shared-services"] as const)
      expect(synthesizeStackAlone(name).resources("aws_vpc")).toEqual({});
  });

  it("has the configured CIDR, with DNS support and DNS hostnames on", () => {
    expect(values(prod, "aws_vpc")[0]).toMatchObject({ cidr_block: "10.20.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("creates exactly the planned subnets, none of which assigns a public IP on launch", () => {
    const network = accountNamed(config, "voting-prod").network;
    if (network === undefined) throw new Error("example voting-prod has no network");
    const subnets = values(prod, "aws_subnet");
    expect(subnets.map((s) => [s.cidr_block, s.availability_zone]).sort())
      .toEqual(planSubnets(network, "eu-west-2").map((s) => [s.cidr, s.availabilityZone]).sort());
    expect(subnets).toHaveLength(9);
    for (const subnet of [...subnets, ...values(nonprod, "aws_subnet")]) expect(subnet.map_public_ip_on_launch).toBe(false);
    expect(values(nonprod, "aws_subnet").map((s) => s.tags.Tier)).toEqual(["private", "private"]);
  });

  it("strips the VPC's default security group and network ACL of every rule and the main route table of every route", () => {
    const vpc = keyWhere(prod, "aws_vpc", () => true);
    const defaultGroup = values(prod, "aws_default_security_group").find((g) => g.vpc_id === ref("aws_vpc", vpc));
    expect(defaultGroup).toMatchObject({ ingress: [], egress: [] });
    expect(values(prod, "aws_default_network_acl")).toEqual([expect.objectContaining({
      default_network_acl_id: ref("aws_vpc", vpc, "default_network_acl_id"), ingress: [], egress: [],
    })]);
    expect(values(prod, "aws_default_route_table")).toEqual([expect.objectContaining({ route: [] })]);
    // Every subnet is associated with a tier ACL, so none is left on the emptied default ACL.
    const associated = values(prod, "aws_network_acl").flatMap((acl) => acl.subnet_ids);
    expect(associated.sort()).toEqual(Object.keys(prod.resources("aws_subnet")).map((k) => ref("aws_subnet", k)).sort());
  });

  it("strips the default security group of the account's default VPC, found without creating one", () => {
    const lookups = Object.entries(prod.json.data.aws_vpcs as Record<string, Record<string, any>>);
    expect(lookups.map(([, d]) => d.filter)).toEqual([[{ name: "is-default", values: ["true"] }]]);
    const vpc = keyWhere(prod, "aws_vpc", () => true);
    const defaultVpcGroup = values(prod, "aws_default_security_group").filter((g) => g.vpc_id !== ref("aws_vpc", vpc));
    expect(defaultVpcGroup).toEqual([expect.objectContaining({
      for_each: `\${toset(data.aws_vpcs.${lookups[0]?.[0]}.ids)}`, vpc_id: "${each.value}", ingress: [], egress: [],
    })]);
    // aws_default_vpc would create a default VPC where none is left, so it must never appear.
    expect(prod.resources("aws_default_vpc")).toEqual({});
    expect(prod.resources("aws_default_subnet")).toEqual({});
  });

  it("has an internet gateway and a NAT gateway per AZ only with a public tier", () => {
    const igw = keyWhere(prod, "aws_internet_gateway", () => true);
    expect(values(prod, "aws_route").filter((r) => r.gateway_id === ref("aws_internet_gateway", igw))).toEqual([
      expect.objectContaining({ destination_cidr_block: "0.0.0.0/0", route_table_id: ref("aws_route_table", keyWhere(prod, "aws_route_table", (t) => t.tags.Name.endsWith("-public"))) }),
    ]);
    for (const letter of ["a", "b", "c"]) {
      const nat = keyWhere(prod, "aws_nat_gateway", (n) => n.tags.Name.endsWith(`-nat-${letter}`));
      expect(prod.resource("aws_nat_gateway", nat).subnet_id).toBe(ref("aws_subnet", keyWhere(prod, "aws_subnet", (s) => s.tags.Name.endsWith(`-public-${letter}`))));
      // Created only after the internet gateway is attached, destroyed before it is detached.
      expect(prod.resource("aws_nat_gateway", nat).depends_on).toEqual([`aws_internet_gateway.${igw}`]);
      expect(prod.resource("aws_eip", keyWhere(prod, "aws_eip", (e) => e.tags.Name.endsWith(`-nat-${letter}`))).depends_on).toEqual([`aws_internet_gateway.${igw}`]);
      const table = keyWhere(prod, "aws_route_table", (t) => t.tags.Name.endsWith(`-private-${letter}`));
      expect(values(prod, "aws_route").filter((r) => r.route_table_id === ref("aws_route_table", table)))
        .toEqual([expect.objectContaining({ destination_cidr_block: "0.0.0.0/0", nat_gateway_id: ref("aws_nat_gateway", nat) })]);
    }
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route"]) expect(nonprod.resources(type)).toEqual({});
  });

  it("shares one NAT gateway between all private route tables in single mode", () => {
    const data = exampleConfigData();
    accountNamed(data, "voting-prod").network.natGateways = "single";
    const stack = synthesizeStackAlone("account-voting-prod", configFromData(data));
    const nat = keyWhere(stack, "aws_nat_gateway", () => true);
    expect(values(stack, "aws_route").filter((r) => r.nat_gateway_id !== undefined).map((r) => r.nat_gateway_id))
      .toEqual([ref("aws_nat_gateway", nat), ref("aws_nat_gateway", nat), ref("aws_nat_gateway", nat)]);
  });

  it("gives the isolated tier no route out of the VPC, not even to the gateway endpoints", () => {
    const isolated = ref("aws_route_table", keyWhere(prod, "aws_route_table", (t) => t.tags.Name.endsWith("-isolated")));
    expect(values(prod, "aws_route").filter((r) => r.route_table_id === isolated)).toEqual([]);
    expect(values(prod, "aws_route_table").every((t) => t.route === undefined)).toBe(true);
    for (const endpoint of values(prod, "aws_vpc_endpoint")) expect(endpoint.route_table_ids ?? []).not.toContain(isolated);
    const isolatedSubnets = Object.entries(prod.resources("aws_subnet")).filter(([, s]) => s.tags.Tier === "isolated").map(([k]) => ref("aws_subnet", k));
    expect(values(prod, "aws_route_table_association").filter((a) => a.route_table_id === isolated).map((a) => a.subnet_id).sort()).toEqual(isolatedSubnets.sort());
  });

  describe("network ACLs", () => {
    const tiers = ["public", "private", "isolated"];

    it.each([["tcp", 22], ["tcp", 3389], ["udp", 3389]] as const)("deny %s %d from any IPv4 or IPv6 address in every tier", (protocol, port) => {
      for (const tier of tiers)
        for (const peer of [INTERNET, "2001:db8::7", PUBLIC_TIER_HOST, PRIVATE_TIER_HOST])
          expect([tier, peer, decide(prod, tier, "in", { peer, protocol, port })]).toEqual([tier, peer, "deny"]);
    });

    it("never allow IPv6 traffic in and never allow 0.0.0.0/0 in except HTTPS, ICMP fragmentation-needed and replies", () => {
      for (const stack of [prod, nonprod])
        for (const rule of values(stack, "aws_network_acl_rule").filter((r) => !r.egress && r.rule_action === "allow")) {
          expect(rule.ipv6_cidr_block).toBeUndefined();
          if (rule.cidr_block !== "0.0.0.0/0") continue;
          expect([
            ["6", 443, 443, undefined, undefined],
            ["6", 1024, 3388, undefined, undefined],
            ["6", 3390, 65535, undefined, undefined],
            ["1", 0, 0, 3, 4],
          ]).toContainEqual([rule.protocol, rule.from_port, rule.to_port, rule.icmp_type, rule.icmp_code]);
        }
    });

    it("have no allow entry from anywhere that covers TCP or UDP 22 or 3389, judged alone (AWS Config nacl-no-unrestricted-ssh-rdp, Security Hub EC2.21)", () => {
      const covers = (rule: Record<string, any>, port: number) =>
        ["-1", "6", "17"].includes(rule.protocol) && (rule.protocol === "-1" || (rule.from_port <= port && port <= rule.to_port));
      for (const stack of [prod, nonprod])
        for (const rule of values(stack, "aws_network_acl_rule").filter((r) => !r.egress && r.rule_action === "allow"))
          if (rule.cidr_block === "0.0.0.0/0" || rule.ipv6_cidr_block === "::/0")
            for (const port of [22, 3389]) expect([rule.protocol, rule.from_port, rule.to_port, port, covers(rule, port)]).toEqual([rule.protocol, rule.from_port, rule.to_port, port, false]);
    });

    it("still let replies in on every ephemeral port but 3389, either side of the split", () => {
      for (const port of [1024, 3388, 3390, 65535]) expect(decide(prod, "private", "in", { peer: INTERNET, protocol: "tcp", port })).toBe("allow");
      expect(decide(prod, "private", "in", { peer: INTERNET, protocol: "tcp", port: 3389 })).toBe("deny");
    });

    it("stay within AWS's default quota of 20 rules per ACL and direction, with every tier and the most isolated ports", () => {
      const network = { cidr: "10.40.0.0/16", tiers: ["public", "private", "isolated"] as const, isolatedPorts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
      for (const tier of network.tiers)
        for (const egress of [false, true]) {
          const rules = naclRules(network, tier).filter((r) => r.egress === egress);
          expect([tier, egress, rules.length <= NACL_RULES_PER_DIRECTION]).toEqual([tier, egress, true]);
          expect(new Set(rules.map((r) => r.ruleNumber)).size).toBe(rules.length);
        }
    });

    it("let the internet reach the public tier on HTTPS only (no HTTP), and nothing else in any tier except replies", () => {
      expect(decide(prod, "public", "in", { peer: INTERNET, protocol: "tcp", port: 443 })).toBe("allow");
      expect(decide(prod, "public", "in", { peer: INTERNET, protocol: "tcp", port: 80 })).toBe("deny");
      expect(decide(prod, "private", "in", { peer: INTERNET, protocol: "tcp", port: 443 })).toBe("deny");
      expect(decide(prod, "isolated", "in", { peer: INTERNET, protocol: "tcp", port: 443 })).toBe("deny");
    });

    it("let replies on ephemeral ports back into the public and private tiers (NAT, gateway endpoints), not the isolated tier", () => {
      for (const port of [1024, 32768, 49152, 60999, 65535]) {
        expect(decide(prod, "public", "in", { peer: INTERNET, protocol: "tcp", port })).toBe("allow");
        expect(decide(prod, "private", "in", { peer: INTERNET, protocol: "tcp", port })).toBe("allow");
        expect(decide(prod, "isolated", "in", { peer: INTERNET, protocol: "tcp", port })).toBe("deny");
      }
      expect(decide(nonprod, "private", "in", { peer: "52.95.150.1", protocol: "tcp", port: 40000 })).toBe("allow");
    });

    it("let the isolated tier be reached only from the private tier, only on the configured ports", () => {
      expect(decide(prod, "isolated", "in", { peer: PRIVATE_TIER_HOST, protocol: "tcp", port: 5432 })).toBe("allow");
      expect(decide(prod, "isolated", "in", { peer: PRIVATE_TIER_HOST, protocol: "tcp", port: 6379 })).toBe("deny");
      expect(decide(prod, "isolated", "in", { peer: PRIVATE_TIER_HOST, protocol: "udp", port: 5432 })).toBe("deny");
      expect(decide(prod, "isolated", "in", { peer: PUBLIC_TIER_HOST, protocol: "tcp", port: 5432 })).toBe("deny");
      expect(decide(prod, "isolated", "in", { peer: INTERNET, protocol: "tcp", port: 5432 })).toBe("deny");
      expect(decide(prod, "isolated", "in", { peer: ISOLATED_TIER_HOST, protocol: "tcp", port: 5432 })).toBe("allow");
      // The reply leaves only towards the private tier's ephemeral ports; the tier cannot start anything elsewhere.
      expect(decide(prod, "isolated", "out", { peer: PRIVATE_TIER_HOST, protocol: "tcp", port: 45000 })).toBe("allow");
      expect(decide(prod, "isolated", "out", { peer: PRIVATE_TIER_HOST, protocol: "tcp", port: 443 })).toBe("deny");
      expect(decide(prod, "isolated", "out", { peer: PUBLIC_TIER_HOST, protocol: "tcp", port: 45000 })).toBe("deny");
      expect(decide(prod, "isolated", "out", { peer: INTERNET, protocol: "tcp", port: 443 })).toBe("deny");
    });

    it("let the public tier reach the application in the private tier, and both tiers send anywhere", () => {
      expect(decide(prod, "private", "in", { peer: PUBLIC_TIER_HOST, protocol: "tcp", port: 8080 })).toBe("allow");
      expect(decide(prod, "public", "in", { peer: PRIVATE_TIER_HOST, protocol: "tcp", port: 45000 })).toBe("allow");
      for (const tier of ["public", "private"]) expect(decide(prod, tier, "out", { peer: INTERNET, protocol: "tcp", port: 443 })).toBe("allow");
    });
  });

  it("route S3 and DynamoDB through gateway endpoints that keep requests inside the organisation, plus AWS-owned buckets", () => {
    const routeTables = Object.entries(prod.resources("aws_route_table")).filter(([, t]) => !t.tags.Name.endsWith("-isolated")).map(([k]) => ref("aws_route_table", k));
    const gateways = values(prod, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Gateway");
    expect(gateways.map((g) => g.service_name).sort()).toEqual(["com.amazonaws.eu-west-2.dynamodb", "com.amazonaws.eu-west-2.s3"]);
    for (const gateway of gateways) expect([...gateway.route_table_ids].sort()).toEqual(routeTables.sort());
    const policyOf = (service: string) => JSON.parse(gateways.find((g) => g.service_name.endsWith(`.${service}`))?.policy);
    const inOrganisation = {
      Sid: "OrganisationPrincipalsToOrganisationResources", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID, "aws:ResourceOrgID": ORG_ID } },
    };
    expect(policyOf("dynamodb")).toEqual({ Version: "2012-10-17", Statement: [inOrganisation] });
    // S3 adds only reads of the home Region's AWS-owned buckets; nothing else outside the organisation.
    const s3 = policyOf("s3").Statement;
    expect(s3[0]).toEqual(inOrganisation);
    expect(s3[1]).toMatchObject({ Sid: "ReadAwsOwnedBuckets", Effect: "Allow", Principal: "*", Action: ["s3:GetObject"] });
    expect(s3[1].Resource).toEqual(expect.arrayContaining([
      "arn:aws:s3:::al2023-repos-eu-west-2-de612dc2/*", "arn:aws:s3:::amazon-ssm-eu-west-2/*", "arn:aws:s3:::prod-eu-west-2-starport-layer-bucket/*",
    ]));
    for (const arn of s3[1].Resource) expect(arn).toMatch(/^arn:aws:s3:::[a-z0-9.-]*eu-west-2[a-z0-9.-]*\/\*$/);
    expect(s3).toHaveLength(2);
  });

  it("put interface endpoints with private DNS in the private tier, behind a group that allows only HTTPS from the VPC", () => {
    const group = keyWhere(prod, "aws_security_group", () => true);
    expect(prod.resource("aws_security_group", group)).toMatchObject({ name: "kestrel-lz-interface-endpoints" });
    expect(prod.resource("aws_security_group", group).ingress).toBeUndefined();
    expect(prod.resource("aws_security_group", group).egress).toBeUndefined();
    expect(values(prod, "aws_vpc_security_group_ingress_rule")).toEqual([expect.objectContaining({
      security_group_id: ref("aws_security_group", group), ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.20.0.0/16",
    })]);
    expect(prod.resources("aws_vpc_security_group_egress_rule")).toEqual({});
    const privateSubnets = Object.entries(prod.resources("aws_subnet")).filter(([, s]) => s.tags.Tier === "private").map(([k]) => ref("aws_subnet", k));
    const interfaces = values(prod, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface");
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(["ec2messages", "kms", "logs", "ssm", "ssmmessages", "sts"].map((s) => `com.amazonaws.eu-west-2.${s}`));
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({ private_dns_enabled: true, subnet_ids: privateSubnets, security_group_ids: [ref("aws_security_group", group)] });
      const service = endpoint.service_name.replace("com.amazonaws.eu-west-2.", "");
      // ssmmessages and ec2messages: custom endpoint policies unconfirmed by AWS, so AWS's default policy applies.
      if (["ssmmessages", "ec2messages"].includes(service)) expect(endpoint.policy).toBeUndefined();
      else expect(JSON.parse(endpoint.policy)).toEqual(endpointPolicy(service, ORG_ID, "eu-west-2"));
    }
    const sts = JSON.parse(interfaces.find((e) => e.service_name.endsWith(".sts"))?.policy);
    expect(sts.Statement[1]).toEqual({
      Sid: "FederationIntoOrganisationRoles", Effect: "Allow", Principal: "*", Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], Resource: "*",
      Condition: { StringEquals: { "aws:ResourceOrgID": ORG_ID } },
    });
  });

  it("block all internet traffic through internet gateways (VPC Block Public Access, bidirectional) in an account whose VPC has no public tier", () => {
    expect(values(nonprod, "aws_vpc_block_public_access_options")).toEqual([expect.objectContaining({ internet_gateway_block_mode: "block-bidirectional" })]);
    expect(nonprod.resources("aws_internet_gateway")).toEqual({});
    expect(nonprod.resources("aws_nat_gateway")).toEqual({});
    // An internet-facing workload keeps its internet gateway working.
    expect(prod.resources("aws_vpc_block_public_access_options")).toEqual({});
  });

  it("log all traffic to the central flow-log bucket in the log archive account as hourly, hive-partitioned Parquet", () => {
    for (const stack of [prod, nonprod]) {
      const toS3 = values(stack, "aws_flow_log").filter((f) => f.log_destination_type === "s3");
      expect(toS3).toEqual([expect.objectContaining({
        vpc_id: ref("aws_vpc", keyWhere(stack, "aws_vpc", () => true)),
        traffic_type: "ALL",
        log_destination: `arn:aws:s3:::${naming.logBucketName("flow-logs", LOG_ARCHIVE_ID)}`,
        destination_options: { file_format: "parquet", hive_compatible_partitions: true, per_hour_partition: true },
      })]);
      expect(toS3[0]?.iam_role_arn).toBeUndefined();
    }
    expect(naming.logBucketName("flow-logs", LOG_ARCHIVE_ID)).toBe(`kestrel-lz-flow-logs-${LOG_ARCHIVE_ID}-eu-west-2`);
  });

  it("also log to a KMS-encrypted CloudWatch Logs group through a least-privilege role when config asks", () => {
    const key = keyWhere(prod, "aws_kms_key", () => true);
    expect(prod.resource("aws_kms_key", key)).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(JSON.parse(prod.resource("aws_kms_key", key).policy)).toEqual(flowLogKeyPolicy("eu-west-2", PROD_ID, "/kestrel-lz/vpc-flow-logs"));
    expect(values(prod, "aws_kms_alias")).toEqual([expect.objectContaining({ name: "alias/kestrel-lz-vpc-flow-logs", target_key_id: ref("aws_kms_key", key, "key_id") })]);
    const group = keyWhere(prod, "aws_cloudwatch_log_group", () => true);
    expect(prod.resource("aws_cloudwatch_log_group", group)).toMatchObject({
      name: "/kestrel-lz/vpc-flow-logs", kms_key_id: ref("aws_kms_key", key, "arn"), retention_in_days: 365, lifecycle: { prevent_destroy: true },
    });
    // The account baseline's backup role lives in the same stack; find the flow-log role by its name.
    const role = keyWhere(prod, "aws_iam_role", (r) => r.name === "kestrel-lz-vpc-flow-logs");
    const trust = JSON.parse(prod.resource("aws_iam_role", role).assume_role_policy);
    expect(trust).toEqual(flowLogTrustPolicy(PROD_ID, "eu-west-2"));
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": PROD_ID },
      ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-west-2:${PROD_ID}:vpc-flow-log/*` },
    });
    const permissions = JSON.parse(values(prod, "aws_iam_role_policy")[0]?.policy);
    expect(permissions).toEqual(flowLogDeliveryPolicy("eu-west-2", PROD_ID, "/kestrel-lz/vpc-flow-logs"));
    expect(permissions.Statement[0].Resource).toEqual([`arn:aws:logs:eu-west-2:${PROD_ID}:log-group:/kestrel-lz/vpc-flow-logs:*`]);
    expect(values(prod, "aws_flow_log").filter((f) => f.log_destination_type === "cloud-watch-logs")).toEqual([expect.objectContaining({
      traffic_type: "ALL", log_destination: ref("aws_cloudwatch_log_group", group, "arn"), iam_role_arn: ref("aws_iam_role", role, "arn"),
    })]);
    for (const type of ["aws_kms_key", "aws_cloudwatch_log_group"]) expect(nonprod.resources(type)).toEqual({});
    // The account baseline's backup role is the only role there: no flow-log role without CloudWatch delivery.
    expect(Object.values(nonprod.resources("aws_iam_role")).map((r) => r.name)).toEqual(["kestrel-lz-backup"]);
  });

  it("use the literal organisation id in endpoint policies when config adopts an organisation", () => {
    const data = exampleConfigData();
    data.organization.id = "o-abc123def4";
    const stack = synthesizeStackAlone("account-voting-nonprod", configFromData(data));
    for (const endpoint of values(stack, "aws_vpc_endpoint").filter((e) => e.policy !== undefined))
      expect(JSON.parse(endpoint.policy).Statement[0].Condition).toEqual({ StringEquals: { "aws:PrincipalOrgID": "o-abc123def4", "aws:ResourceOrgID": "o-abc123def4" } });
  });

  it("create an S3 or DynamoDB interface endpoint only after the gateway endpoint its private DNS needs", () => {
    const data = exampleConfigData();
    accountNamed(data, "voting-nonprod").network.interfaceEndpoints = ["s3", "dynamodb", "sts"];
    const stack = synthesizeStackAlone("account-voting-nonprod", configFromData(data));
    const endpoint = (type: string, service: string) => keyWhere(stack, "aws_vpc_endpoint", (e) => e.vpc_endpoint_type === type && e.service_name === `com.amazonaws.eu-west-2.${service}`);
    for (const service of ["s3", "dynamodb"])
      expect(stack.resource("aws_vpc_endpoint", endpoint("Interface", service)).depends_on).toEqual([`aws_vpc_endpoint.${endpoint("Gateway", service)}`]);
    expect(stack.resource("aws_vpc_endpoint", endpoint("Interface", "sts")).depends_on).toBeUndefined();
  });
});

describe("WorkloadVpc props", () => {
  const config = exampleConfig();
  const base = accountNamed(config, "voting-nonprod").network as NetworkConfig | undefined;
  // Config rules reject these first; building the construct directly checks its own guard.
  const build = (network: Partial<NetworkConfig>) => () => {
    if (base === undefined) throw new Error("example voting-nonprod has no network");
    new WorkloadVpc(new TerraformStack(Testing.app(), "s"), "vpc", {
      network: { ...base, ...network },
      naming: new Naming(config.organization),
      accountName: "x",
      accountId: "333333333333",
      region: "eu-west-2",
      logArchiveAccountId: "444444444444",
      organizationId: "o-abc123def4",
    });
  };

  it("refuse NAT gateways without a public tier and a VPC without a private tier, naming the problem", () => {
    expect(build({ natGateways: "single" })).toThrow("WorkloadVpc s/vpc: natGateways single needs the public tier");
    expect(build({ tiers: ["isolated"] })).toThrow("WorkloadVpc s/vpc: tiers must include private");
    expect(build({})).not.toThrow();
  });
});
