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
