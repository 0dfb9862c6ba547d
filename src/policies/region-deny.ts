import type { ServiceControlPolicy } from "./organization-policy-document";
import { exemptPrincipals } from "./organization-policy-document";

/**
 * Actions the region deny never blocks: global services whose control plane answers from one Region (mostly
 * us-east-1, some us-west-2) whatever Region the caller uses, and calls the console makes across Regions. Starts
 * from AWS Control Tower's region-deny control (CT.MULTISERVICE.PV.1 / GRREGIONDENY) and adds global services it
 * misses, taken from the AWS-managed Region policy of 2026. Denying any of these outside the allowed Regions would
 * break sign-in, IAM, billing or DNS everywhere, without keeping any data in or out of a Region.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  // Identity, sign-in and the organisation: global control planes (IAM, Organizations, Identity Center, STS global
  // endpoint), needed from every Region.
  "iam:*", "organizations:*", "sts:*", "sso:*", "sso-directory:*", "sso-oauth:*", "identitystore:*",
  "identitystore-auth:*", "signin:*", "account:*", "account-access:*", "access-analyzer:*",
  // Billing and cost: single us-east-1 endpoints.
  "aws-portal:*", "billing:*", "billingconductor:*", "budgets:*", "ce:*", "consolidatedbilling:*", "cur:*",
  "cost-optimization-hub:*", "freetier:*", "invoicing:*", "payments:*", "pricing:*", "savingsplans:*", "tax:*",
  "sustainability:*",
  // Support, health, quotas and advice: global endpoints.
  "support:*", "supportapp:*", "supportplans:*", "trustedadvisor:*", "health:*", "servicequotas:*",
  "compute-optimizer:*", "iq:*", "activate:*", "artifact:*",
  // Edge, DNS and global networking: CloudFront and its WAF and certificates live in us-east-1; Global Accelerator
  // and Network Manager in us-west-2.
  "cloudfront:*", "cloudfront-keyvaluestore:*", "route53:*", "route53domains:*", "route53globalresolver:*",
  "route53-recovery-cluster:*", "route53-recovery-control-config:*", "route53-recovery-readiness:*",
  "globalaccelerator:*", "networkmanager:*", "directconnect:*", "shield:*", "waf:*", "waf-regional:*", "wafv2:*",
  "fms:*",
  // Certificates, keys and Config: CloudFront certificates and keys are in us-east-1; Config records global
  // resources (IAM) in one Region; KMS is needed to decrypt what other Regions' services encrypted.
  "acm:*", "kms:*", "config:*",
  // Marketplace: global.
  "aws-marketplace:*", "aws-marketplace-management:*", "vendor-insights:ListEntitledSecurityProfiles",
  "license-manager:ListReceivedLicenses",
  // Console, notifications and legacy global services (Chatbot and Device Farm in us-west-2, ECR Public in us-east-1).
  "consoleapp:*", "uxc:*", "cloudshell:*", "q:*", "notifications:*", "notifications-contacts:*", "chatbot:*",
  "chime:*", "a4b:*", "mobileanalytics:*", "importexport:*", "devicefarm:*", "ecr-public:*",
  // Read-only calls the console makes across Regions or against a fixed Region.
  "ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "cloudtrail:LookupEvents",
  "datapipeline:GetAccountLimits", "lightsail:Get*", "quicksight:DescribeAccountSubscription",
  "resource-explorer-2:*", "tag:GetResources",
  // S3 account-level calls and bucket listing go to us-east-1; the Multi-Region Access Point control plane is in
  // us-west-2.
  "s3:CreateMultiRegionAccessPoint", "s3:DeleteMultiRegionAccessPoint", "s3:DescribeMultiRegionAccessPointOperation",
  "s3:GetAccountPublicAccessBlock", "s3:GetBucketLocation", "s3:GetBucketPolicyStatus", "s3:GetBucketPublicAccessBlock",
  "s3:GetMultiRegionAccessPoint", "s3:GetMultiRegionAccessPointPolicy", "s3:GetMultiRegionAccessPointPolicyStatus",
  "s3:GetStorageLensConfiguration", "s3:GetStorageLensDashboard", "s3:ListAllMyBuckets",
  "s3:ListMultiRegionAccessPoints", "s3:ListStorageLensConfigurations", "s3:PutAccountPublicAccessBlock",
  "s3:PutMultiRegionAccessPointPolicy",
];

/**
 * Enabling a Region opens a new place for data; disabling one can strand it. Region opt-in is managed centrally
 * from the management account (trusted access for account.amazonaws.com), which SCPs never restrict.
 */
export const REGION_OPT_IN_ACTIONS: readonly string[] = ["account:EnableRegion", "account:DisableRegion"];

export interface RegionDenyProps {
  /** The only Regions where regional services may be used. */
  readonly allowedRegions: readonly string[];
  /** Role ARN patterns exempt from the Region condition (break-glass only: never the deployment role). */
  readonly exemptRoleArns: readonly string[];
}

/** Data residency: deny every regional request outside the allowed Regions, and Region opt-in changes. */
export function regionDenyPolicy(props: RegionDenyProps): ServiceControlPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyOutsideAllowedRegions",
        Effect: "Deny",
        NotAction: GLOBAL_SERVICE_ACTIONS,
        Resource: "*",
        Condition: {
          StringNotEquals: { "aws:RequestedRegion": props.allowedRegions },
          ...exemptPrincipals(props.exemptRoleArns),
        },
      },
      { Sid: "DenyRegionOptInChanges", Effect: "Deny", Action: REGION_OPT_IN_ACTIONS, Resource: "*" },
    ],
  };
}

/** Where an Organizations policy is attached: the root, an OU by path, or an account by name. */
export type PolicyTarget =
  | { readonly kind: "root" }
  | { readonly kind: "ou"; readonly path: string }
  | { readonly kind: "account"; readonly name: string };

/** One region-deny policy: its Regions, where its list comes from, and where it is attached. */
export interface RegionDenyPlacement {
  /** `organization`, or the path of the OU whose override it enforces. */
  readonly source: string;
  readonly allowedRegions: readonly string[];
  readonly targets: readonly PolicyTarget[];
}

interface OuNode {
  readonly name: string;
  readonly allowedRegions?: readonly string[];
  readonly children: readonly OuNode[];
}

export interface RegionPlanInput {
  readonly organizationRegions: readonly string[];
  readonly organizationalUnits: readonly OuNode[];
  /** Member accounts (never the management account) with the path of their OU. */
  readonly accounts: readonly { readonly name: string; readonly ou: string }[];
}

const sameRegions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Where to attach region-deny policies so that every account's effective Regions are those of its nearest OU with
 * an override (itself included), or the organisation's list, even though SCPs at every level intersect.
 *
 * - The root gets the union of all lists: a floor for everything, OUs and accounts made outside Terraform included.
 * - An OU whose whole subtree has the same effective list as the OU gets that list, attached to the OU, unless it
 *   equals the union (the root already enforces it).
 * - An OU whose subtree mixes lists cannot carry a list (it would intersect with its children's): its own
 *   accounts get its list directly, and each child OU is placed the same way.
 *
 * So along any root → OU → account path at most one list besides the union is attached, and it is the right one.
 */
export function planRegionDeny(input: RegionPlanInput): RegionDenyPlacement[] {
  const union = [...input.organizationRegions];
  const visitLists = (nodes: readonly OuNode[]) => {
    for (const ou of nodes) {
      for (const region of ou.allowedRegions ?? []) if (!union.includes(region)) union.push(region);
      visitLists(ou.children);
    }
  };
  visitLists(input.organizationalUnits);

  const placements = new Map<string, { source: string; allowedRegions: readonly string[]; targets: PolicyTarget[] }>();
  const attach = (source: string, regions: readonly string[], target: PolicyTarget) => {
    if (sameRegions(regions, union)) return;
    let placement = placements.get(source);
    if (placement === undefined) {
      placement = { source, allowedRegions: regions, targets: [] };
      placements.set(source, placement);
    }
    placement.targets.push(target);
  };
  const uniform = (ou: OuNode, regions: readonly string[]): boolean =>
    ou.children.every((child) => (child.allowedRegions === undefined || sameRegions(child.allowedRegions, regions)) && uniform(child, regions));
  const place = (ou: OuNode, path: string, inherited: { source: string; regions: readonly string[] }) => {
    const own = ou.allowedRegions === undefined ? inherited : { source: path, regions: ou.allowedRegions };
    if (uniform(ou, own.regions)) {
      attach(own.source, own.regions, { kind: "ou", path });
      return;
    }
    for (const account of input.accounts) if (account.ou === path) attach(own.source, own.regions, { kind: "account", name: account.name });
    for (const child of ou.children) place(child, `${path}/${child.name}`, own);
  };
  for (const ou of input.organizationalUnits) place(ou, ou.name, { source: "organization", regions: input.organizationRegions });

  const organizationHasItsOwn = placements.has("organization");
  return [
    {
      source: organizationHasItsOwn ? "union" : "organization",
      allowedRegions: union,
      targets: [{ kind: "root" }],
    },
    ...placements.values(),
  ];
}
