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

  constructor(scope: Construct, id: string, props: WorkloadVpcProps) {
    super(scope, id);
    const { network, naming } = props;
    // Config rules reject these before synth; the construct checks again so no other caller can build a broken VPC.
    const problems = [
      ...(network.tiers.includes("private") ? [] : ["tiers must include private"]),
      ...(natGatewayMode(network) === "none" || network.tiers.includes("public") ? [] : [`natGateways ${natGatewayMode(network)} needs the public tier`]),
    ];
    if (problems.length > 0) throw new Error(`WorkloadVpc ${this.node.path}: ${problems.join("; ")}`);
    const name = (part: string) => ({ Name: naming.networkResourceName(props.accountName, part) });
    const subnets = planSubnets(network, props.region);
    const hasTier = (tier: Tier) => network.tiers.includes(tier);

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: network.cidr,
      enableDnsSupport: true,
      // Private DNS names of interface endpoints need both DNS settings.
      enableDnsHostnames: true,
      tags: name("vpc"),
    });
    const vpcId = this.vpc.id;

    // The VPC's own defaults, adopted and emptied: no rules in the default security group or network ACL, no
    // routes but local in the main route table. Every subnet has its own route table and network ACL below.
    new DefaultSecurityGroup(this, "default-security-group", { vpcId, ingress: [], egress: [], tags: name("default-do-not-use") });
    new DefaultNetworkAcl(this, "default-network-acl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      ingress: [],
      egress: [],
      tags: name("default-do-not-use"),
      // Subnets move away from it to the tier ACLs; that must not show as a change here.
      lifecycle: { ignoreChanges: ["subnet_ids"] },
    });
    new DefaultRouteTable(this, "default-route-table", {
      defaultRouteTableId: this.vpc.defaultRouteTableId,
      route: [],
      tags: name("default-do-not-use"),
    });

    const subnetIds: Partial<Record<Tier, string[]>> = {};
    const subnetResources = new Map<string, Subnet>();
    for (const planned of subnets) {
      const letter = planned.availabilityZone.slice(-1);
      const subnet = new Subnet(this, `subnet-${planned.tier}-${letter}`, {
        vpcId,
        cidrBlock: planned.cidr,
        availabilityZone: planned.availabilityZone,
        // Nothing gets a public IP by launching into a subnet, not even in the public tier: load balancers and
        // NAT gateways bring their own.
        mapPublicIpOnLaunch: false,
        tags: { ...name(`${planned.tier}-${letter}`), Tier: planned.tier },
      });
      (subnetIds[planned.tier] ??= []).push(subnet.id);
      subnetResources.set(`${planned.tier}-${planned.azIndex}`, subnet);
    }
    this.subnetIds = subnetIds;
    const subnetAt = (tier: Tier, azIndex: number): Subnet => {
      const subnet = subnetResources.get(`${tier}-${azIndex}`);
      if (subnet === undefined) throw new Error(`internal error: no ${tier} subnet in AZ ${azIndex}`);
      return subnet;
    };
    const letters = subnets.filter((s) => s.tier === "private").map((s) => s.availabilityZone.slice(-1));

    // No public tier means no internet, enforced rather than just not built: VPC Block Public Access in
    // block-bidirectional mode drops all traffic through internet gateways and egress-only internet gateways, and so
    // through NAT gateways and internet-facing load balancers, which need one (VPC UG, "Block public access to VPCs
    // and subnets" and "VPC BPA basics": https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html,
    // https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-basics.html). It is a setting of the account
    // in this Region, not of the VPC: it also covers the default VPC and any VPC made outside the landing zone, which
    // is why only an account whose one landing-zone VPC has no public tier gets it. Exclusions (per VPC or subnet)
    // and switching it off are for the deployment role only (guardrail SCP). Destroying the resource sets it off.
    if (!hasTier("public")) {
      this.blockPublicAccess = new VpcBlockPublicAccessOptions(this, "block-public-access", {
        internetGatewayBlockMode: VPC_BLOCK_PUBLIC_ACCESS_MODE,
      });
    }

    // Public tier: the only route to the internet gateway.
    const routeTableIds: string[] = [];
    let internetGateway: InternetGateway | undefined;
    if (hasTier("public")) {
      const igw = new InternetGateway(this, "internet-gateway", { vpcId, tags: name("igw") });
      internetGateway = igw;
      const publicRoutes = new RouteTable(this, "route-table-public", { vpcId, tags: name("public") });
      new Route(this, "route-public-internet", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
      letters.forEach((letter, azIndex) =>
        new RouteTableAssociation(this, `route-table-association-public-${letter}`, { routeTableId: publicRoutes.id, subnetId: subnetAt("public", azIndex).id }),
      );
      routeTableIds.push(publicRoutes.id);
    }

    // NAT gateways in the public tier: one per AZ, or one in the first AZ for all.
    const natMode = natGatewayMode(network);
    const natCount = natMode === "per-az" ? network.availabilityZones : natMode === "single" ? 1 : 0;
    // A public NAT gateway can only be created once the internet gateway is attached (else Gateway.NotAttached), and
    // the internet gateway can only be detached once no NAT gateway maps a public address: nothing references the
    // internet gateway, so the order is given explicitly, as the provider's aws_nat_gateway and aws_eip docs advise.
    const afterInternetGateway = internetGateway === undefined ? [] : [internetGateway];
    const natGatewayIds = Array.from({ length: natCount }, (_, azIndex) => {
      const letter = letters[azIndex] ?? "";
      const eip = new Eip(this, `nat-eip-${letter}`, { domain: "vpc", tags: name(`nat-${letter}`), dependsOn: afterInternetGateway });
      return new NatGateway(this, `nat-gateway-${letter}`, {
        allocationId: eip.allocationId,
        subnetId: subnetAt("public", azIndex).id,
        connectivityType: "public",
        tags: name(`nat-${letter}`),
        dependsOn: afterInternetGateway,
      }).id;
    });

    // Private tier: a route table per AZ (so switching NAT mode changes routes, never tables), default route to the
    // AZ's NAT gateway if there is one; without NAT the tier reaches AWS only through endpoints.
    letters.forEach((letter, azIndex) => {
      const privateRoutes = new RouteTable(this, `route-table-private-${letter}`, { vpcId, tags: name(`private-${letter}`) });
      const natGatewayId = natGatewayIds[natMode === "per-az" ? azIndex : 0];
      if (natGatewayId !== undefined)
        new Route(this, `route-private-${letter}-nat`, { routeTableId: privateRoutes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId });
      new RouteTableAssociation(this, `route-table-association-private-${letter}`, { routeTableId: privateRoutes.id, subnetId: subnetAt("private", azIndex).id });
      routeTableIds.push(privateRoutes.id);
    });

    // Isolated tier: a route table with no routes but local, and no gateway endpoint routes: nothing leaves the VPC.
    if (hasTier("isolated")) {
      const isolatedRoutes = new RouteTable(this, "route-table-isolated", { vpcId, tags: name("isolated") });
      letters.forEach((letter, azIndex) =>
        new RouteTableAssociation(this, `route-table-association-isolated-${letter}`, { routeTableId: isolatedRoutes.id, subnetId: subnetAt("isolated", azIndex).id }),
      );
    }

    // One network ACL per tier; see naclRules for the rules and why each is there.
    for (const tier of TIERS.filter(hasTier)) {
      const acl = new NetworkAcl(this, `network-acl-${tier}`, { vpcId, subnetIds: subnetIds[tier], tags: name(tier) });
      for (const rule of naclRules(network, tier)) {
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

    const gatewayEndpoints = new Map<string, VpcEndpoint>();
    for (const service of GATEWAY_ENDPOINT_SERVICES) {
      const gatewayEndpoint = new VpcEndpoint(this, `gateway-endpoint-${service}`, {
        vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds,
        policy: JSON.stringify(endpointPolicy(service, props.organizationId, props.region)),
        tags: name(service),
      });
      gatewayEndpoints.set(service, gatewayEndpoint);
    }

    if (network.interfaceEndpoints.length > 0) {
      const endpointGroup = new SecurityGroup(this, "interface-endpoints-security-group", {
        name: naming.securityGroupName("interface-endpoints"),
        description: "HTTPS from the VPC to interface endpoints; nothing else",
        vpcId,
        // No egress rules: Terraform removes the allow-all egress rule AWS adds, and endpoints only answer.
        tags: name("interface-endpoints"),
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
          vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          subnetIds: subnetIds.private,
          securityGroupIds: [endpointGroup.id],
          privateDnsEnabled: true,
          // Only where the catalogue says the service accepts a custom policy; otherwise AWS's default (full access).
          policy: supportsEndpointPolicy(service) ? JSON.stringify(endpointPolicy(service, props.organizationId, props.region)) : undefined,
          tags: name(service),
          dependsOn: gatewayEndpoint === undefined ? undefined : [gatewayEndpoint],
        });
      }
    }

    // Flow logs of all traffic to the central bucket in the log archive account. No role: S3 delivery is done by
    // delivery.logs.amazonaws.com, which the bucket's policy (log archive stack) allows from the organisation.
    new FlowLog(this, "flow-log-s3", {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: `arn:aws:s3:::${naming.logBucketName("flow-logs", props.logArchiveAccountId)}`,
      destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      tags: name("flow-log-s3"),
    });

    const cloudWatchLogs = network.flowLogs.cloudWatchLogs;
    if (cloudWatchLogs !== undefined) {
      const logGroupName = naming.vpcFlowLogGroupName;
      const key = new LandingZoneKey(this, "flow-log-key", {
        alias: naming.kmsAlias("vpc-flow-logs"),
        description: `Encrypts the VPC flow-log group ${logGroupName}`,
        policy: JSON.stringify(flowLogKeyPolicy(props.region, props.accountId, logGroupName)),
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
        assumeRolePolicy: JSON.stringify(flowLogTrustPolicy(props.accountId, props.region)),
      });
      new IamRolePolicy(this, "flow-log-role-policy", {
        name: "deliver-flow-logs",
        role: role.name,
        policy: JSON.stringify(flowLogDeliveryPolicy(props.region, props.accountId, logGroupName)),
      });
      new FlowLog(this, "flow-log-cloudwatch", {
        vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        tags: name("flow-log-cloudwatch"),
      });
    }

    if (props.lockDownDefaultVpc ?? true) new DefaultVpcLockdown(this, "default-vpc");
  }
}
