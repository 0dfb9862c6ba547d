import { keyAccountAdministers, policyJson, type PolicyDocument, type PolicyStatement } from "./document";

/**
 * Bucket and key policies of the log archive account. Pure functions of names and ids: the organisation id and
 * the ids of accounts the organization stack creates can only be Terraform references, everything else is literal.
 *
 * No policy names the organisation's member accounts: deliveries made on behalf of any account are allowed by the
 * organisation they come from (aws:SourceOrgID), so the policies keep their size at any number of accounts and an
 * account added later delivers without the log-archive stack being applied again. AWS sets aws:SourceOrgID on a
 * service principal's request made on behalf of a resource in an account of an organisation (IAM UG, global
 * condition keys, aws:SourceOrgID:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid;
 * AWS What's New, November 2023, "organization-wide IAM condition keys to restrict AWS service-to-service requests").
 */

/** Everything a log archive policy needs to know about the organisation. */
export interface LogArchivePolicyContext {
  /** The log archive account, which owns the buckets and the key. */
  readonly logArchiveAccountId: string;
  readonly managementAccountId: string;
  /** The audit account, whose GuardDuty detector (the delegated administrator's) exports the organisation's findings. */
  readonly auditAccountId: string;
  /**
   * `o-…`: the organisation trail writes under AWSLogs/<organization id>/, and every account of this organisation
   * (and only those) may deliver AWS Config and flow logs (aws:SourceOrgID).
   */
  readonly organizationId: string;
  /** Where the buckets and the key are. */
  readonly homeRegion: string;
  /** Regions where accounts may deliver flow logs from (the allowed Regions). */
  readonly regions: readonly string[];
  /** ARN of the organisation trail (built from its name; the trail is in another stack and account). */
  readonly trailArn: string;
  /** Roles that may read and decrypt the logs. */
  readonly auditorRoleArns: readonly string[];
}

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const CONFIG = "config.amazonaws.com";
/** The CloudWatch Logs delivery service that writes vended logs, VPC flow logs among them, to S3. */
const LOG_DELIVERY = "delivery.logs.amazonaws.com";
const S3_SERVER_ACCESS_LOGGING = "logging.s3.amazonaws.com";
/** GuardDuty exports findings as its service principal (a commercial Region enabled by default; opt-in Regions use a Regional one). */
const GUARDDUTY = "guardduty.amazonaws.com";

/** Service deliveries must hand the objects to the bucket owner; with ACLs disabled this is the only ACL S3 accepts. */
const BUCKET_OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" } as const;

/** What an auditor needs to find and read log objects, including older versions; nothing that writes or deletes. */
export const AUDITOR_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation"] as const;

/** Delivering services read the bucket ACL (and list it) to check they may write before they do. */
const DELIVERY_CHECK_ACTIONS = ["s3:GetBucketAcl", "s3:ListBucket"] as const;

/** CloudTrail: create data keys for log and digest files. */
const CLOUDTRAIL_ENCRYPT_ACTIONS = ["kms:GenerateDataKey*"] as const;
/** AWS Config writes with SSE-KMS through its delivery channel (AWS Config DG, "Permissions for the KMS Key"). */
const CONFIG_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;
/** VPC flow log delivery to an SSE-KMS bucket (VPC UG, flow logs to S3): the actions AWS documents for the key policy. */
const LOG_DELIVERY_KEY_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;
/** GuardDuty encrypts exported findings with a data key (GuardDuty UG, "Exporting findings", key policy). */
const GUARDDUTY_KEY_ACTIONS = ["kms:GenerateDataKey"] as const;
/** Auditors decrypt objects they read through S3, and see which key protects them. */
const AUDITOR_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"] as const;

export const bucketArn = (bucketName: string): string => `arn:aws:s3:::${bucketName}`;

/** Every request to a log bucket must use TLS (aws:SecureTransport is false on plain HTTP). */
export function denyInsecureTransport(bucketName: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn(bucketName), `${bucketArn(bucketName)}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Deleting a log object or one of its versions: no principal may, not even the account's administrators. */
export const LOG_DELETION_ACTIONS = ["s3:DeleteObject", "s3:DeleteObjectVersion"] as const;

/**
 * No one deletes a log: objects leave only by lifecycle expiry, which bucket policies do not govern. Object Lock
 * enforces the same during its period on the locked buckets; this also covers the buckets S3 or AWS Config cannot
 * deliver to with Object Lock (access logs, Config), and every bucket after the lock period. Changing the policy
 * to lift it raises the CIS 4.8 alarm.
 */
export function denyLogDeletion(bucketName: string): PolicyStatement {
  return {
    Sid: "DenyLogDeletion",
    Effect: "Deny",
    Principal: "*",
    Action: [...LOG_DELETION_ACTIONS],
    Resource: `${bucketArn(bucketName)}/*`,
  };
}

/**
 * Writing a log object: a plain or multipart upload, a copy (authorised as s3:PutObject on the destination), and a
 * replica or replicated delete marker from a replication rule someone could point at the bucket. Any of them lays a
 * new current version over a log; the original becomes noncurrent and leaves with the noncurrent lifecycle rule.
 */
export const LOG_WRITE_ACTIONS = ["s3:PutObject", "s3:ReplicateObject", "s3:ReplicateDelete"] as const;

/**
 * Only AWS service principals write logs: the deliveries this policy allows (CloudTrail, AWS Config, the log
 * delivery service, S3 server access logging) are made by their service principals, for which AWS sets
 * aws:PrincipalIsAWSService to true. Every IAM principal, the log archive account's administrators and root user
 * included, is denied, so no one can overwrite a log with a forged one; IfExists also denies a request that lacks
 * the key. The deny covers every object of the bucket, not just AWSLogs/…: these buckets hold nothing but logs.
 * (IAM UG, global condition keys, aws:PrincipalIsAWSService:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalisawsservice)
 * AWS Config must therefore deliver with its service principal (the service-linked role AWSServiceRoleForConfig),
 * not a customer IAM role: with a customer role it writes as that role, and the write is denied.
 */
export function denyLogWritesByNonServicePrincipals(bucketName: string): PolicyStatement {
  return {
    Sid: "DenyLogWritesExceptServiceDelivery",
    Effect: "Deny",
    Principal: "*",
    Action: [...LOG_WRITE_ACTIONS],
    Resource: `${bucketArn(bucketName)}/*`,
    Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
  };
}

/** The statements every log bucket begins with: TLS only, no deletion, no writes but the services' deliveries. */
function logBucketProtections(bucketName: string): PolicyStatement[] {
  return [denyInsecureTransport(bucketName), denyLogDeletion(bucketName), denyLogWritesByNonServicePrincipals(bucketName)];
}

function auditorRead(bucketName: string, auditorRoleArns: readonly string[]): PolicyStatement[] {
  if (auditorRoleArns.length === 0) return [];
  return [{
    Sid: "AuditorsRead",
    Effect: "Allow",
    Principal: { AWS: [...auditorRoleArns] },
    Action: [...AUDITOR_READ_ACTIONS],
    Resource: [bucketArn(bucketName), `${bucketArn(bucketName)}/*`],
  }];
}

/**
 * AWS's policy for an organisation trail's bucket (CloudTrail UG, "Amazon S3 bucket policy for CloudTrail"): the
 * ACL check, writes for the management account's own folder and the organisation's folder, each only for this trail.
 */
export function cloudTrailBucketPolicy(bucketName: string, context: LogArchivePolicyContext): PolicyDocument {
  const arn = bucketArn(bucketName);
  const fromTrail = { "aws:SourceArn": context.trailArn };
  return {
    Version: "2012-10-17",
    Statement: [
      ...logBucketProtections(bucketName),
      {
        Sid: "AWSCloudTrailAclCheck20150319",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: "s3:GetBucketAcl",
        Resource: arn,
        Condition: { StringEquals: fromTrail },
      },
      {
        Sid: "AWSCloudTrailWrite20150319",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/${context.managementAccountId}/*`,
        Condition: { StringEquals: { ...BUCKET_OWNER_FULL_CONTROL, ...fromTrail } },
      },
      {
        Sid: "AWSCloudTrailOrganizationWrite20150319",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/${context.organizationId}/*`,
        Condition: { StringEquals: { ...BUCKET_OWNER_FULL_CONTROL, ...fromTrail } },
      },
      ...auditorRead(bucketName, context.auditorRoleArns),
    ],
  };
}

/** Requests a service makes on behalf of a resource in an account of this organisation, whichever the account. */
function fromOrganisation(context: LogArchivePolicyContext): { readonly "aws:SourceOrgID": string } {
  return { "aws:SourceOrgID": context.organizationId };
}

/**
 * AWS Config delivery from every account of the organisation (AWS Config DG, "Permissions for the Amazon S3
 * Bucket for the AWS Config delivery channel": https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html).
 * Config delivers as its service principal to a bucket in another account, into AWSLogs/<account>/Config/;
 * aws:SourceOrgID limits it to this organisation's accounts.
 * An account of the organisation could point its delivery channel's prefix at another account's folder; only the
 * Config service writes, so the files it writes there are still that account's own, genuine ones.
 */
export function configBucketPolicy(bucketName: string, context: LogArchivePolicyContext): PolicyDocument {
  const arn = bucketArn(bucketName);
  const organisation = fromOrganisation(context);
  return {
    Version: "2012-10-17",
    Statement: [
      ...logBucketProtections(bucketName),
      {
        Sid: "AWSConfigBucketPermissionsCheck",
        Effect: "Allow",
        Principal: { Service: CONFIG },
        Action: "s3:GetBucketAcl",
        Resource: arn,
        Condition: { StringEquals: organisation },
      },
      {
        Sid: "AWSConfigBucketExistenceCheck",
        Effect: "Allow",
        Principal: { Service: CONFIG },
        Action: "s3:ListBucket",
        Resource: arn,
        Condition: { StringEquals: organisation },
      },
      {
        Sid: "AWSConfigBucketDelivery",
        Effect: "Allow",
        Principal: { Service: CONFIG },
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/*/Config/*`,
        Condition: { StringEquals: { ...BUCKET_OWNER_FULL_CONTROL, ...organisation } },
      },
      ...auditorRead(bucketName, context.auditorRoleArns),
    ],
  };
}

/**
 * `arn:aws:logs:<region>:*:*` for every allowed Region: log deliveries from the allowed Regions, of any account
 * (which accounts is aws:SourceOrgID's business). One ARN pattern per Region, none per account.
 */
function logDeliverySources(context: LogArchivePolicyContext): string[] {
  return context.regions.map((region) => `arn:aws:logs:${region}:*:*`);
}

/** Log deliveries of this organisation's accounts from the allowed Regions. */
function fromOrganisationLogDelivery(context: LogArchivePolicyContext) {
  return {
    StringEquals: fromOrganisation(context),
    ArnLike: { "aws:SourceArn": logDeliverySources(context) },
  };
}

/**
 * VPC flow logs from every account of the organisation (VPC UG, "Flow logs to Amazon S3"): the log delivery
 * service writes each account's logs into AWSLogs/<account>/, or AWSLogs/aws-account-id=<account>/ with the
 * Hive-compatible partitions the workload VPCs use, only for log deliveries of this organisation's accounts
 * (aws:SourceOrgID) in the allowed Regions (aws:SourceArn). AWS's own pattern for a central flow log bucket
 * conditions the log delivery service's writes and ACL check on aws:SourceOrgID (AWS Prescriptive Guidance,
 * "Configure VPC Flow Logs for centralization across AWS accounts":
 * https://docs.aws.amazon.com/prescriptive-guidance/latest/patterns/configure-vpc-flow-logs-for-centralization-across-aws-accounts.html),
 * and AWS's data perimeter examples name VPC Flow Logs delivery among the service-principal access patterns
 * (aws-samples/data-perimeter-policy-examples, resource_based_policies/README.md).
 */
export function flowLogsBucketPolicy(bucketName: string, context: LogArchivePolicyContext): PolicyDocument {
  const arn = bucketArn(bucketName);
  const delivery = fromOrganisationLogDelivery(context);
  return {
    Version: "2012-10-17",
    Statement: [
      ...logBucketProtections(bucketName),
      {
        Sid: "AWSLogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY },
        Action: [...DELIVERY_CHECK_ACTIONS],
        Resource: arn,
        Condition: delivery,
      },
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY },
        Action: "s3:PutObject",
        // AWSLogs/<account>/… and AWSLogs/aws-account-id=<account>/…
        Resource: `${arn}/AWSLogs/*`,
        Condition: {
          StringEquals: { ...delivery.StringEquals, ...BUCKET_OWNER_FULL_CONTROL },
          ArnLike: delivery.ArnLike,
        },
      },
      ...auditorRead(bucketName, context.auditorRoleArns),
    ],
  };
}

/**
 * Requests GuardDuty makes for the audit account's detector in the home Region, the delegated administrator's, which
 * exports the findings of every account of the organisation (GuardDuty UG, "Exporting findings": with export set in
 * the administrator account, members' findings go to the same place). AWS's example policies name the detector by id
 * (aws:SourceArn arn:aws:guardduty:<region>:<account>:detector/<id>); the id exists only once the security stack,
 * which reads this stack's bucket and key, has created the detector, so the policy names every detector of the audit
 * account in the home Region instead. An account has one detector per Region.
 */
export function fromAuditDetector(context: LogArchivePolicyContext) {
  return {
    StringEquals: { "aws:SourceAccount": context.auditAccountId },
    ArnLike: { "aws:SourceArn": `arn:aws:guardduty:${context.homeRegion}:${context.auditAccountId}:detector/*` },
  };
}

/**
 * The GuardDuty findings export (GuardDuty UG, "Exporting findings", "Granting GuardDuty permissions to a bucket":
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html): GuardDuty checks the bucket's
 * Region and writes findings under AWSLogs/<account>/GuardDuty/<Region>/, only for the audit account's detector.
 * The page's optional denies of uploads without SSE-KMS or with another key are left out: the bucket's default
 * encryption applies the log archive key to every object, and no one but GuardDuty writes.
 */
export function guardDutyFindingsBucketPolicy(bucketName: string, context: LogArchivePolicyContext): PolicyDocument {
  const arn = bucketArn(bucketName);
  const detector = fromAuditDetector(context);
  return {
    Version: "2012-10-17",
    Statement: [
      ...logBucketProtections(bucketName),
      { Sid: "AllowGuardDutyGetBucketLocation", Effect: "Allow", Principal: { Service: GUARDDUTY }, Action: "s3:GetBucketLocation", Resource: arn, Condition: detector },
      { Sid: "AllowGuardDutyPutObject", Effect: "Allow", Principal: { Service: GUARDDUTY }, Action: "s3:PutObject", Resource: `${arn}/AWSLogs/*`, Condition: detector },
      ...auditorRead(bucketName, context.auditorRoleArns),
    ],
  };
}

/** A bucket whose server access logs go to the access-log bucket, under its own prefix. */
export interface AccessLogSource {
  readonly bucketName: string;
  readonly prefix: string;
}

/**
 * The access-log bucket (S3 UG, "Enable server access logging"): the S3 logging service writes each source bucket's
 * logs under that bucket's prefix, only for the log archive's own buckets (aws:SourceArn, aws:SourceAccount).
 */
export function accessLogsBucketPolicy(bucketName: string, sources: readonly AccessLogSource[], context: LogArchivePolicyContext): PolicyDocument {
  const arn = bucketArn(bucketName);
  return {
    Version: "2012-10-17",
    Statement: [
      ...logBucketProtections(bucketName),
      {
        Sid: "S3ServerAccessLogsPolicy",
        Effect: "Allow",
        Principal: { Service: S3_SERVER_ACCESS_LOGGING },
        Action: "s3:PutObject",
        Resource: sources.map((source) => `${arn}/${source.prefix}*`),
        Condition: {
          ArnLike: { "aws:SourceArn": sources.map((source) => bucketArn(source.bucketName)) },
          StringEquals: { "aws:SourceAccount": context.logArchiveAccountId },
        },
      },
      ...auditorRead(bucketName, context.auditorRoleArns),
    ],
  };
}

/**
 * The log archive key. Who may use it, and for what:
 * - the log archive account's IAM policies (the account root), so the key can never become unmanageable;
 * - CloudTrail, only for this organisation's trail (encryption context of a management-account trail, and the
 *   trail's ARN as aws:SourceArn);
 * - AWS Config and the log delivery service (VPC flow logs), only on behalf of this organisation's accounts;
 * - GuardDuty, only for the audit account's detector (the findings export);
 * - the auditor roles, to decrypt through S3 only.
 */
export function logArchiveKeyPolicy(context: LogArchivePolicyContext): PolicyDocument {
  const fromTrail = { "aws:SourceArn": context.trailArn };
  const auditors: PolicyStatement[] =
    context.auditorRoleArns.length === 0
      ? []
      : [{
          Sid: "AuditorsDecryptThroughS3",
          Effect: "Allow",
          Principal: { AWS: [...context.auditorRoleArns] },
          Action: [...AUDITOR_KEY_ACTIONS],
          Resource: "*",
          Condition: { StringEquals: { "kms:ViaService": `s3.${context.homeRegion}.amazonaws.com` } },
        }];
  return {
    Version: "2012-10-17",
    Statement: [
      keyAccountAdministers(context.logArchiveAccountId),
      {
        Sid: "AllowCloudTrailToEncryptLogs",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: [...CLOUDTRAIL_ENCRYPT_ACTIONS],
        Resource: "*",
        Condition: {
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${context.managementAccountId}:trail/*` },
          StringEquals: fromTrail,
        },
      },
      {
        // CloudTrail decrypts to create or update a trail whose bucket uses an S3 Bucket Key.
        Sid: "AllowCloudTrailToDecryptForBucketKeys",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: fromTrail },
      },
      {
        Sid: "AllowCloudTrailToDescribeKey",
        Effect: "Allow",
        Principal: { Service: CLOUDTRAIL },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: fromTrail },
      },
      {
        Sid: "AllowConfigDelivery",
        Effect: "Allow",
        Principal: { Service: CONFIG },
        Action: [...CONFIG_KEY_ACTIONS],
        Resource: "*",
        Condition: { StringEquals: fromOrganisation(context) },
      },
      {
        Sid: "AllowLogDeliveryForFlowLogs",
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY },
        Action: [...LOG_DELIVERY_KEY_ACTIONS],
        Resource: "*",
        Condition: fromOrganisationLogDelivery(context),
      },
      {
        Sid: "AllowGuardDutyToEncryptFindings",
        Effect: "Allow",
        Principal: { Service: GUARDDUTY },
        Action: [...GUARDDUTY_KEY_ACTIONS],
        Resource: "*",
        Condition: fromAuditDetector(context),
      },
      ...auditors,
    ],
  };
}

/** S3 bucket policies are limited to 20 KB (S3 UG, "Bucket policies for Amazon S3"); PutBucketPolicy refuses more. */
export const BUCKET_POLICY_MAX_BYTES = 20 * 1024;
/** KMS key policies are limited to 32 KB (AWS KMS quotas, "Key policy document size"); PutKeyPolicy refuses more. */
export const KEY_POLICY_MAX_BYTES = 32 * 1024;

/** A policy to measure: what it governs (for the message), the document, and the limit it must fit. */
export interface SizedPolicy {
  readonly what: string;
  readonly document: PolicyDocument;
  readonly maxBytes: number;
}

/**
 * Every policy over its limit, each naming what it governs, its size and the limit. No policy grows with the number
 * of accounts; the flow log ones grow with the allowed Regions, and every one with the auditor roles. Without this
 * check the apply would fail with MalformedPolicy long after the plan looked fine.
 * Measure documents built from literal values: a Terraform reference's placeholder is not as long as the value.
 */
export function policySizeProblems(policies: readonly SizedPolicy[]): string[] {
  return policies.flatMap(({ what, document, maxBytes }) => {
    const bytes = Buffer.byteLength(policyJson(document), "utf8");
    return bytes <= maxBytes
      ? []
      : [`${what} would be ${bytes} bytes, over AWS's limit of ${maxBytes} bytes (${maxBytes / 1024} KB), so the apply would fail; it grows with logging.auditorRoleArns and, for flow logs, organization.allowedRegions (README: Central logging, policy size)`];
  });
}

/** The buckets that hold service logs: SSE-KMS, and logging their own access to the access-log bucket. */
export const SERVICE_LOG_KINDS = ["cloudtrail", "config", "flow-logs", "guardduty"] as const;
export type ServiceLogKind = (typeof SERVICE_LOG_KINDS)[number];

/** The bucket policy of each service log bucket. */
export const SERVICE_LOG_BUCKET_POLICIES: Readonly<Record<ServiceLogKind, (bucketName: string, context: LogArchivePolicyContext) => PolicyDocument>> = {
  cloudtrail: cloudTrailBucketPolicy,
  config: configBucketPolicy,
  "flow-logs": flowLogsBucketPolicy,
  guardduty: guardDutyFindingsBucketPolicy,
};

/** The service log buckets whose server access logs the access-log bucket receives, each under `<kind>/`. */
export function accessLogSources(bucketName: (kind: ServiceLogKind) => string): AccessLogSource[] {
  return SERVICE_LOG_KINDS.map((kind) => ({ bucketName: bucketName(kind), prefix: `${kind}/` }));
}

/** Names the log archive's policies are built with: each bucket's name by kind, and the key's alias. */
export interface LogArchiveNames {
  readonly bucketName: (kind: ServiceLogKind | "access-logs") => string;
  readonly keyAlias: string;
}

/** Every bucket and key policy of the log archive, with what it governs and AWS's size limit. */
export function logArchivePolicies(names: LogArchiveNames, context: LogArchivePolicyContext): SizedPolicy[] {
  const bucket = (kind: ServiceLogKind | "access-logs"): string => `the bucket policy of the ${kind} bucket (${names.bucketName(kind)})`;
  return [
    ...SERVICE_LOG_KINDS.map((kind) => ({
      what: bucket(kind),
      document: SERVICE_LOG_BUCKET_POLICIES[kind](names.bucketName(kind), context),
      maxBytes: BUCKET_POLICY_MAX_BYTES,
    })),
    {
      what: bucket("access-logs"),
      document: accessLogsBucketPolicy(names.bucketName("access-logs"), accessLogSources(names.bucketName), context),
      maxBytes: BUCKET_POLICY_MAX_BYTES,
    },
    { what: `the key policy of ${names.keyAlias}`, document: logArchiveKeyPolicy(context), maxBytes: KEY_POLICY_MAX_BYTES },
  ];
}
