import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcBlockPublicAccessOptions } from "@cdktf/provider-aws/lib/vpc-block-public-access-options";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { Naming } from "../naming";
import { supportsEndpointPolicy } from "../network/endpoint-services";
import { naclRules, type NaclInput } from "../network/nacl-rules";
import { natGatewayMode, type NatGatewayInput } from "../network/nat-gateways";
import { planSubnets, TIERS, type SubnetPlanInput, type Tier } from "../network/subnet-plan";
import { endpointPolicy, flowLogDeliveryPolicy, flowLogKeyPolicy, flowLogTrustPolicy } from "../policies/network";
import { DefaultVpcLockdown } from "./default-vpc-lockdown";
import { LandingZoneKey } from "./landing-zone-key";

/** Gateway endpoints every VPC gets: free, and they keep S3 and DynamoDB traffic off NAT and the internet. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** VPC Block Public Access for accounts without a public tier: nothing in or out through internet gateways. */
export const VPC_BLOCK_PUBLIC_ACCESS_MODE = "block-bidirectional";

/** What the VPC is made of: the account's network section in config, defaults applied, is of this shape. */
export interface WorkloadNetwork extends SubnetPlanInput, NaclInput, NatGatewayInput {
  /** Interface endpoints by service, such as `ssm` (src/network/endpoint-services.ts). */
  readonly interfaceEndpoints: readonly string[];
  readonly flowLogs: {
    /** Also deliver flow logs to a CloudWatch Logs group in the account, kept this many days. */
    readonly cloudWatchLogs?: { readonly retentionDays: number };
  };
}

export interface WorkloadVpcProps {
  /** The account's network section from config, defaults applied. */
  readonly network: WorkloadNetwork;
  readonly naming: Naming;
  /** Config name of the account, for Name tags. */
  readonly accountName: string;
  /** Id of the account the VPC is in (may be a cross-stack reference), for ARNs in the flow-log policies. */
  readonly accountId: string;
  /** Region of the stack's provider: the home Region. */
  readonly region: string;
  /** Id of the log archive account, which owns the central flow-log bucket (may be a cross-stack reference). */
  readonly logArchiveAccountId: string;
  /** Id of the AWS Organization (o-…), for endpoint policies (may be a cross-stack reference). */
  readonly organizationId: string;
  /**
   * Strip the default security group of the account's default VPC in this Region, if there is one.
   * @default true
   */
  readonly lockDownDefaultVpc?: boolean;
}

/**
 * A workload account's VPC: tiered subnets across availability zones with fixed CIDR slots, least-access network
 * ACLs per tier, a rule-less default security group, gateway and interface endpoints, and flow logs of all traffic
 * to the central flow-log bucket in the log archive account (and optionally CloudWatch Logs).
 */
export class WorkloadVpc extends Construct {
  readonly vpc: Vpc;
  /** Subnet ids by tier, in AZ order. */
  readonly subnetIds: Readonly<Partial<Record<Tier, readonly string[]>>>;
  /** The account's VPC Block Public Access setting in this Region: only without a public tier. */
  readonly blockPublicAccess?: VpcBlockPublicAccessOptions;

  private readonly props: WorkloadVpcProps;

  /**
   * The VPC in phases, each a method below, in the order its resources are created: the VPC and its emptied
   * defaults, subnets, internet blocking, routing (public, NAT, private, isolated), network ACLs, endpoints, flow
   * logs, and the default VPC's lockdown.
   */
  constructor(scope: Construct, id: string, props: WorkloadVpcProps) {
    super(scope, id);
    this.props = props;
    this.checkNetwork();
    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.network.cidr,
      enableDnsSupport: true,
      // Private DNS names of interface endpoints need both DNS settings.
      enableDnsHostnames: true,
      tags: this.nameTag("vpc"),
    });
    this.emptyVpcDefaults();
    const subnets = this.createSubnets();
    this.subnetIds = subnets.ids;
    if (!this.hasTier("public")) this.blockPublicAccess = this.blockInternet();
    const routeTableIds = this.createRouting(subnets);
    this.createNetworkAcls(subnets);
    const gatewayEndpoints = this.createGatewayEndpoints(routeTableIds);
    this.createInterfaceEndpoints(subnets, gatewayEndpoints);
    this.createFlowLogs();
    if (props.lockDownDefaultVpc ?? true) new DefaultVpcLockdown(this, "default-vpc");
  }

  /** Config rules reject these before synth; the construct checks again so no other caller can build a broken VPC. */
  private checkNetwork(): void {
    const { network } = this.props;
    const problems = [
      ...(network.tiers.includes("private") ? [] : ["tiers must include private"]),
      ...(natGatewayMode(network) === "none" || network.tiers.includes("public") ? [] : [`natGateways ${natGatewayMode(network)} needs the public tier`]),
    ];
    if (problems.length > 0) throw new Error(`WorkloadVpc ${this.node.path}: ${problems.join("; ")}`);
  }

  private nameTag(part: string): { Name: string } {
    return { Name: this.props.naming.networkResourceName(this.props.accountName, part) };
  }

  private hasTier(tier: Tier): boolean {
    return this.props.network.tiers.includes(tier);
  }

  /**
   * The VPC's own defaults, adopted and emptied: no rules in the default security group or network ACL, no routes
   * but local in the main route table. Every subnet has its own route table and network ACL.
   */
  private emptyVpcDefaults(): void {
    const vpcId = this.vpc.id;
    new DefaultSecurityGroup(this, "default-security-group", { vpcId, ingress: [], egress: [], tags: this.nameTag("default-do-not-use") });
    new DefaultNetworkAcl(this, "default-network-acl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      ingress: [],
      egress: [],
      tags: this.nameTag("default-do-not-use"),
      // Subnets move away from it to the tier ACLs; that must not show as a change here.
      lifecycle: { ignoreChanges: ["subnet_ids"] },
    });
    new DefaultRouteTable(this, "default-route-table", {
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: this.nameTag("default-do-not-use"),
    });
  }

  /** One subnet per tier and AZ, at the fixed CIDR slots of the subnet plan (src/network/subnet-plan.ts). */
  private createSubnets(): SubnetLayout {
    const planned = planSubnets(this.props.network, this.props.region);
    const ids: Partial<Record<Tier, string[]>> = {};
    const byTierAndAz = new Map<string, Subnet>();
    for (const subnet of planned) {
      const letter = subnet.availabilityZone.slice(-1);
      const resource = new Subnet(this, `subnet-${subnet.tier}-${letter}`, {
        vpcId: this.vpc.id,
        cidrBlock: subnet.cidr,
        availabilityZone: subnet.availabilityZone,
        // Nothing gets a public IP by launching into a subnet, not even in the public tier: load balancers and
        // NAT gateways bring their own.
        mapPublicIpOnLaunch: false,
        tags: { ...this.nameTag(`${subnet.tier}-${letter}`), Tier: subnet.tier },
      });
      (ids[subnet.tier] ??= []).push(resource.id);
      byTierAndAz.set(`${subnet.tier}-${subnet.azIndex}`, resource);
    }
    return {
      ids,
      letters: planned.filter((s) => s.tier === "private").map((s) => s.availabilityZone.slice(-1)),
      at: (tier, azIndex) => {
        const subnet = byTierAndAz.get(`${tier}-${azIndex}`);
        if (subnet === undefined) throw new Error(`internal error: no ${tier} subnet in AZ ${azIndex}`);
        return subnet;
      },
    };
  }

  /**
   * No public tier means no internet, enforced rather than just not built: VPC Block Public Access in
   * block-bidirectional mode drops all traffic through internet gateways and egress-only internet gateways, and so
   * through NAT gateways and internet-facing load balancers, which need one (VPC UG, "Block public access to VPCs
   * and subnets" and "VPC BPA basics": https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html,
   * https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-basics.html). It is a setting of the account
   * in this Region, not of the VPC: it also covers the default VPC and any VPC made outside the landing zone, which
   * is why only an account whose one landing-zone VPC has no public tier gets it. Exclusions (per VPC or subnet)
   * and switching it off are for the deployment role only (guardrail SCP). Destroying the resource sets it off.
   */
  private blockInternet(): VpcBlockPublicAccessOptions {
    return new VpcBlockPublicAccessOptions(this, "block-public-access", {
      internetGatewayBlockMode: VPC_BLOCK_PUBLIC_ACCESS_MODE,
    });
  }

  /** Route tables of every tier, and the NAT gateways between public and private; returns the tables gateway endpoints route from. */
  private createRouting(subnets: SubnetLayout): string[] {
    const publicTier = this.hasTier("public") ? this.routePublicTier(subnets) : undefined;
    const natGatewayIds = this.createNatGateways(subnets, publicTier?.internetGateway);
    const privateRouteTableIds = this.routePrivateTier(subnets, natGatewayIds);
    if (this.hasTier("isolated")) this.routeIsolatedTier(subnets);
    return [...(publicTier === undefined ? [] : [publicTier.routeTableId]), ...privateRouteTableIds];
  }

  /** Public tier: the only route to the internet gateway. */
  private routePublicTier(subnets: SubnetLayout): { internetGateway: InternetGateway; routeTableId: string } {
    const vpcId = this.vpc.id;
    const internetGateway = new InternetGateway(this, "internet-gateway", { vpcId, tags: this.nameTag("igw") });
    const publicRoutes = new RouteTable(this, "route-table-public", { vpcId, tags: this.nameTag("public") });
    new Route(this, "route-public-internet", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id });
    subnets.letters.forEach((letter, azIndex) =>
      new RouteTableAssociation(this, `route-table-association-public-${letter}`, { routeTableId: publicRoutes.id, subnetId: subnets.at("public", azIndex).id }),
    );
    return { internetGateway, routeTableId: publicRoutes.id };
  }

  /** NAT gateways in the public tier: one per AZ, or one in the first AZ for all, or none. Returns their ids in AZ order. */
  private createNatGateways(subnets: SubnetLayout, internetGateway: InternetGateway | undefined): string[] {
    const { network } = this.props;
    const natMode = natGatewayMode(network);
    const natCount = natMode === "per-az" ? network.availabilityZones : natMode === "single" ? 1 : 0;
    // A public NAT gateway can only be created once the internet gateway is attached (else Gateway.NotAttached), and
    // the internet gateway can only be detached once no NAT gateway maps a public address: nothing references the
    // internet gateway, so the order is given explicitly, as the provider's aws_nat_gateway and aws_eip docs advise.
    const afterInternetGateway = internetGateway === undefined ? [] : [internetGateway];
    return Array.from({ length: natCount }, (_, azIndex) => {
      const letter = subnets.letters[azIndex] ?? "";
      const eip = new Eip(this, `nat-eip-${letter}`, { domain: "vpc", tags: this.nameTag(`nat-${letter}`), dependsOn: afterInternetGateway });
      return new NatGateway(this, `nat-gateway-${letter}`, {
        allocationId: eip.allocationId,
        subnetId: subnets.at("public", azIndex).id,
        connectivityType: "public",
        tags: this.nameTag(`nat-${letter}`),
        dependsOn: afterInternetGateway,
      }).id;
    });
  }

  /**
   * Private tier: a route table per AZ (so switching NAT mode changes routes, never tables), default route to the
   * AZ's NAT gateway if there is one; without NAT the tier reaches AWS only through endpoints. Returns the tables.
   */
  private routePrivateTier(subnets: SubnetLayout, natGatewayIds: readonly string[]): string[] {
    const perAz = natGatewayMode(this.props.network) === "per-az";
    return subnets.letters.map((letter, azIndex) => {
      const privateRoutes = new RouteTable(this, `route-table-private-${letter}`, { vpcId: this.vpc.id, tags: this.nameTag(`private-${letter}`) });
      const natGatewayId = natGatewayIds[perAz ? azIndex : 0];
      if (natGatewayId !== undefined)
        new Route(this, `route-private-${letter}-nat`, { routeTableId: privateRoutes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId });
      new RouteTableAssociation(this, `route-table-association-private-${letter}`, { routeTableId: privateRoutes.id, subnetId: subnets.at("private", azIndex).id });
      return privateRoutes.id;
    });
  }

  /** Isolated tier: a route table with no routes but local, and no gateway endpoint routes: nothing leaves the VPC. */
  private routeIsolatedTier(subnets: SubnetLayout): void {
    const isolatedRoutes = new RouteTable(this, "route-table-isolated", { vpcId: this.vpc.id, tags: this.nameTag("isolated") });
    subnets.letters.forEach((letter, azIndex) =>
      new RouteTableAssociation(this, `route-table-association-isolated-${letter}`, { routeTableId: isolatedRoutes.id, subnetId: subnets.at("isolated", azIndex).id }),
    );
  }

  /** One network ACL per tier; see naclRules for the rules and why each is there. */
  private createNetworkAcls(subnets: SubnetLayout): void {
    for (const tier of TIERS.filter((t) => this.hasTier(t))) {
      const acl = new NetworkAcl(this, `network-acl-${tier}`, { vpcId: this.vpc.id, subnetIds: subnets.ids[tier], tags: this.nameTag(tier) });
      for (const rule of naclRules(this.props.network, tier)) {
        new NetworkAclRule(this, `network-acl-${tier}-${rule.egress ? "egress" : "ingress"}-${rule.name}`, {
          networkAclId: acl.id,
          ruleNumber: rule.ruleNumber,
          egress: rule.egress,
          ruleAction: rule.action,
          protocol: rule.protocol,
          cidrBlock: rule.cidrBlock,
          ipv6CidrBlock: rule.ipv6CidrBlock,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          icmpType: rule.icmpType,
          icmpCode: rule.icmpCode,
        });
      }
    }
  }

  /** The S3 and DynamoDB gateway endpoints, routed from the public and private tiers (never the isolated one). */
  private createGatewayEndpoints(routeTableIds: readonly string[]): ReadonlyMap<string, VpcEndpoint> {
    const { organizationId, region } = this.props;
    return new Map(
      GATEWAY_ENDPOINT_SERVICES.map((service) => [
        service,
        new VpcEndpoint(this, `gateway-endpoint-${service}`, {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: [...routeTableIds],
          policy: JSON.stringify(endpointPolicy(service, organizationId, region)),
          tags: this.nameTag(service),
        }),
      ]),
    );
  }

  /** The configured interface endpoints in the private tier, with private DNS, behind a security group that admits HTTPS from the VPC only. */
  private createInterfaceEndpoints(subnets: SubnetLayout, gatewayEndpoints: ReadonlyMap<string, VpcEndpoint>): void {
    const { network, naming, organizationId, region } = this.props;
    if (network.interfaceEndpoints.length === 0) return;
    const endpointGroup = new SecurityGroup(this, "interface-endpoints-security-group", {
      name: naming.securityGroupName("interface-endpoints"),
      description: "HTTPS from the VPC to interface endpoints; nothing else",
      vpcId: this.vpc.id,
      // No egress rules: Terraform removes the allow-all egress rule AWS adds, and endpoints only answer.
      tags: this.nameTag("interface-endpoints"),
    });
    new VpcSecurityGroupIngressRule(this, "interface-endpoints-https-from-vpc", {
      securityGroupId: endpointGroup.id,
      description: "HTTPS from the VPC only",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: network.cidr,
    });
    for (const service of network.interfaceEndpoints) {
      // An S3 or DynamoDB interface endpoint with private DNS resolves in-VPC names to the gateway endpoint
      // (private DNS only for inbound resolver endpoints), which AWS refuses unless the gateway endpoint exists.
      const gatewayEndpoint = gatewayEndpoints.get(service);
      new VpcEndpoint(this, `interface-endpoint-${service.replace(/\./g, "-")}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        subnetIds: subnets.ids.private,
        securityGroupIds: [endpointGroup.id],
        privateDnsEnabled: true,
        // Only where the catalogue says the service accepts a custom policy; otherwise AWS's default (full access).
        policy: supportsEndpointPolicy(service) ? JSON.stringify(endpointPolicy(service, organizationId, region)) : undefined,
        tags: this.nameTag(service),
        dependsOn: gatewayEndpoint === undefined ? undefined : [gatewayEndpoint],
      });
    }
  }

  /**
   * Flow logs of all traffic to the central bucket in the log archive account. No role: S3 delivery is done by
   * delivery.logs.amazonaws.com, which the bucket's policy (log archive stack) allows from the organisation. With
   * config's cloudWatchLogs, also to an encrypted log group in the account.
   */
  private createFlowLogs(): void {
    const { network, naming, region, accountId } = this.props;
    const vpcId = this.vpc.id;
    new FlowLog(this, "flow-log-s3", {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: `arn:aws:s3:::${naming.logBucketName("flow-logs", this.props.logArchiveAccountId)}`,
      destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      tags: this.nameTag("flow-log-s3"),
    });

    const cloudWatchLogs = network.flowLogs.cloudWatchLogs;
    if (cloudWatchLogs === undefined) return;
    const logGroupName = naming.vpcFlowLogGroupName;
    const key = new LandingZoneKey(this, "flow-log-key", {
      alias: naming.kmsAlias("vpc-flow-logs"),
      description: `Encrypts the VPC flow-log group ${logGroupName}`,
      policy: JSON.stringify(flowLogKeyPolicy(region, accountId, logGroupName)),
    });
    const logGroup = new CloudwatchLogGroup(this, "flow-log-group", {
      name: logGroupName,
      retentionInDays: cloudWatchLogs.retentionDays,
      kmsKeyId: key.arn,
      lifecycle: { preventDestroy: true },
    });
    const role = new IamRole(this, "flow-log-role", {
      name: naming.roleName("vpc-flow-logs"),
      description: "VPC flow logs deliver to the flow-log group",
      assumeRolePolicy: JSON.stringify(flowLogTrustPolicy(accountId, region)),
    });
    new IamRolePolicy(this, "flow-log-role-policy", {
      name: "deliver-flow-logs",
      role: role.name,
      policy: JSON.stringify(flowLogDeliveryPolicy(region, accountId, logGroupName)),
    });
    new FlowLog(this, "flow-log-cloudwatch", {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: this.nameTag("flow-log-cloudwatch"),
    });
  }
}

/** The subnets of a VPC: ids by tier (AZ order), each subnet by tier and AZ index, and the AZ letters in order. */
interface SubnetLayout {
  readonly ids: Partial<Record<Tier, string[]>>;
  readonly letters: readonly string[];
  at(tier: Tier, azIndex: number): Subnet;
}
