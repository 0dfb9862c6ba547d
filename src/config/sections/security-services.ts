import * as z from "zod";
import { strictObject } from "./common";

/**
 * The organisation's security services, administered from the audit account (stacks/security-stack.ts). Every
 * switch defaults to on: turning one off is a decision a team makes knowingly, with the cost model each description
 * states. Prices are AWS's and change; the descriptions say what is billed, not how much.
 */

/** How often GuardDuty sends updates of existing findings to EventBridge and the S3 export (GuardDuty API, UpdateDetector). */
export const FINDING_PUBLISHING_FREQUENCIES = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] as const;

const onByDefault = (description: string) => z.boolean().default(true).describe(`${description}. Default true`);

const guardDutyProtectionSchema = strictObject({
  s3DataEvents: onByDefault(
    "GuardDuty S3 Protection: analyses S3 data events (object-level API calls) of every account. Billed per million S3 data events analysed",
  ),
  eksAuditLogs: onByDefault(
    "GuardDuty EKS Protection: analyses Kubernetes audit logs of EKS clusters. Billed per million audit log events analysed; nothing without EKS clusters",
  ),
  runtimeMonitoring: onByDefault(
    "GuardDuty Runtime Monitoring: OS-level events from a security agent on EKS, ECS (Fargate) and EC2. Billed per vCPU of monitored workloads per month; nothing without workloads",
  ),
  runtimeMonitoringAgentManagement: onByDefault(
    "GuardDuty deploys and updates the Runtime Monitoring agent itself (EKS add-on, ECS Fargate and EC2 agent management); needs runtimeMonitoring. Off: install the agent yourself. The agent's VPC endpoint has no charge of its own",
  ),
  ebsMalwareProtection: onByDefault(
    "GuardDuty Malware Protection for EC2: scans an instance's EBS volumes when GuardDuty finds it behaving suspiciously. Billed per GB scanned, plus the EBS snapshots it takes while scanning",
  ),
  rdsLoginEvents: onByDefault(
    "GuardDuty RDS Protection: analyses login activity of Aurora and RDS databases. Billed per vCPU (or ACU for Aurora Serverless v2) of monitored databases per month",
  ),
  lambdaNetworkLogs: onByDefault(
    "GuardDuty Lambda Protection: analyses network activity of Lambda functions. Billed per GB of VPC flow log data analysed for Lambda",
  ),
});

export type GuardDutyProtectionConfig = z.infer<typeof guardDutyProtectionSchema>;

const guardDutySchema = strictObject({
  findingPublishingFrequency: z
    .enum(FINDING_PUBLISHING_FREQUENCIES, { error: `allowed: ${FINDING_PUBLISHING_FREQUENCIES.join(", ")}` })
    .default("FIFTEEN_MINUTES")
    .describe("How often updates of existing findings are sent to EventBridge and the S3 export (new findings go within about five minutes regardless). No cost impact. Default FIFTEEN_MINUTES"),
  protection: guardDutyProtectionSchema
    .prefault({})
    .describe("GuardDuty protection plans, for every account of the organisation (existing and new) and the audit account. GuardDuty's foundational detection (CloudTrail management events, VPC flow logs, DNS logs) is always on and billed per event and GB analysed"),
});

/**
 * A Security Hub control id as the configuration policy names it: the service and a number, such as `IAM.6` or
 * `EC2.21` (Security Hub CSPM controls reference).
 */
const CONTROL_ID = /^[A-Za-z0-9]+\.\d+$/;

const securityHubSchema = strictObject({
  disabledControls: z
    .record(
      z.string().regex(CONTROL_ID, { error: (issue) => `"${String(issue.input)}" is not a Security Hub control id such as IAM.6 or EC2.21` }),
      z
        .string({ error: "give the reason the control contradicts the landing zone's design" })
        .trim()
        .min(1, { error: "a disabled control needs a reason: why it contradicts the landing zone's design" }),
    )
    .default({})
    .describe(
      "Security Hub controls disabled in every account, each with the reason it contradicts the landing zone's design (control id: reason). Every other control of AWS Foundational Security Best Practices and CIS v3.0, new ones included, stays enabled. Security Hub CSPM is billed per security check and per finding ingested; default none",
    ),
});

const accessAnalyzerSchema = strictObject({
  unusedAccess: z
    .boolean()
    .default(true)
    .describe("The organisation's unused access analyzer: findings for roles, users, keys and permissions not used within unusedAccessAgeDays. Billed per IAM role and user analysed per month. Default true"),
  unusedAccessAgeDays: z
    .int({ error: "a whole number of days" })
    .min(1, { error: "at least 1 day" })
    .max(365, { error: "at most 365 days (IAM Access Analyzer's limit)" })
    .default(90)
    .describe("Access unused for this many days is a finding (1-365). Default 90"),
});

const macieSchema = strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe("Macie with the audit account as delegated administrator, enabled for new accounts. Billed per S3 bucket evaluated per month (bucket inventory and policy findings) and per GB of objects inspected by discovery; automated sensitive data discovery is a manual step (README). Default true"),
});

const inspectorSchema = strictObject({
  ec2: onByDefault("Inspector scans EC2 instances for software vulnerabilities and network reachability. Billed per instance per month (average instances scanned)"),
  ecr: onByDefault("Inspector scans container images pushed to ECR. Billed per image scanned on push and per rescan"),
  lambda: onByDefault("Inspector scans Lambda functions' packages for vulnerable dependencies. Billed per function per month"),
  lambdaCode: onByDefault("Inspector scans Lambda functions' own code for vulnerabilities; needs lambda. Billed per function per month, on top of lambda"),
});

export type InspectorConfig = z.infer<typeof inspectorSchema>;

export const securityServicesSchema = strictObject({
  guardDuty: guardDutySchema.prefault({}).describe("GuardDuty threat detection for every account; the audit account is the delegated administrator"),
  securityHub: securityHubSchema
    .prefault({})
    .describe("Security Hub CSPM central configuration from the audit account: AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account"),
  accessAnalyzer: accessAnalyzerSchema.prefault({}).describe("IAM Access Analyzer organisation analyzers in the audit account: external access (no charge) and unused access"),
  macie: macieSchema.prefault({}).describe("Macie sensitive data discovery for S3, administered from the audit account"),
  inspector: inspectorSchema.prefault({}).describe("Inspector vulnerability scanning, administered from the audit account, auto-enabled for new accounts"),
});

export type SecurityServicesConfig = z.infer<typeof securityServicesSchema>;
