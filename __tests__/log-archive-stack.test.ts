import { logArchivePoliciesFit } from "../src/config/rules/logging";
import { LOG_BUCKET_KINDS } from "../src/naming";
import { BUCKET_POLICY_MAX_BYTES, policySizeProblems } from "../src/policies/log-archive";
import { AUDITOR, AUDITOR_READ_ACTIONS_FOR_TEST, LOG_ARCHIVE_ID, MANAGEMENT_ID, ORG_ID_REF, TRAIL_ARN, bucketName, decide, findResource, loggingConfig, statement, synthesizeStack } from "./logging-test-helpers";
import { issuesOfData, type SynthesizedStack } from "./helpers";

/** The buckets the delivering services write to (GuardDuty's findings export among them). */
const LOCKED = ["cloudtrail", "config", "flow-logs", "guardduty"] as const;
/** Of those, the ones with Object Lock: AWS Config cannot deliver to a bucket with Object Lock. */
const OBJECT_LOCKED = ["cloudtrail", "flow-logs"] as const;
/** An account of the example organisation (adopted), and one that config has never named (added since the last apply). */
const MEMBER = "222222222222";
const NEW_MEMBER = "555555555555";
/** Requests made on behalf of an account of this organisation, or of another one. */
const OUR_ORG = { "aws:SourceOrgID": ORG_ID_REF };
const OTHER_ORG = { "aws:SourceOrgID": "o-someoneelse1" };

let stack: SynthesizedStack;
beforeAll(() => {
  stack = synthesizeStack("log-archive", loggingConfig());
});

function bucket(kind: string): { address: string; resource: Record<string, any>; ref: string } {
  const found = findResource(stack, "aws_s3_bucket", (b) => b.bucket === bucketName(kind));
  return { ...found, ref: `\${${found.address}.id}` };
}

/** The resource of a type attached to a bucket (by its `bucket` argument), or undefined. */
function attached(type: string, kind: string): Record<string, any> | undefined {
  const ref = bucket(kind).ref;
  const found = Object.values(stack.resources(type)).filter((r) => r.bucket === ref);
  if (found.length > 1) throw new Error(`more than one ${type} on ${kind}`);
  return found[0];
}

function policyOf(kind: string): string {
  const policy = attached("aws_s3_bucket_policy", kind);
  if (policy === undefined) throw new Error(`no policy on ${kind}`);
  return policy.policy;
}

/** The log archive key, which encrypts the logs (the stack's other key is the alarm topic's). */
const isLogArchiveKey = (key: Record<string, any>): boolean => /CloudTrail, AWS Config and VPC flow logs/.test(key.description);

function keyAddress(): string {
  return findResource(stack, "aws_kms_key", isLogArchiveKey).address;
}

const KEY_ARN = `arn:aws:kms:eu-west-2:${LOG_ARCHIVE_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function keyPolicy(): string {
  return findResource(stack, "aws_kms_key", isLogArchiveKey).resource.policy;
}

describe("log-archive stack: where it runs", () => {
  it("assumes the member role in the log archive account and may change no other", () => {
    expect(stack.json.provider.aws).toEqual([expect.objectContaining({
      allowed_account_ids: [LOG_ARCHIVE_ID],
      region: "eu-west-2",
      assume_role: [{ role_arn: `arn:aws:iam::${LOG_ARCHIVE_ID}:role/OrganizationAccountAccessRole`, session_name: "kestrel-log-archive" }],
    })]);
  });

  // That a created log archive account's id comes from the organization stack: landing-zone-stack.test.ts (whole app).
});

describe("log-archive stack: the key", () => {
  it("rotates, has a 30-day deletion window, is protected from destroy and has the naming contract's alias", () => {
    const { address, resource } = findResource(stack, "aws_kms_key", isLogArchiveKey);
    expect(resource).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(Object.values(stack.resources("aws_kms_alias"))).toContainEqual(
      expect.objectContaining({ name: "alias/kestrel-lz-log-archive", target_key_id: `\${${address}.key_id}` }),
    );
  });

  it("lets the log archive account's IAM policies manage it, so it cannot become unmanageable", () => {
    expect(statement(keyPolicy(), "EnableIamPoliciesOfTheKeyAccount")).toEqual({
      Sid: "EnableIamPoliciesOfTheKeyAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LOG_ARCHIVE_ID}:root` }, Action: "kms:*", Resource: "*",
    });
  });

  it("lets CloudTrail encrypt only for this organisation's trail: encryption context and source ARN", () => {
    expect(statement(keyPolicy(), "AllowCloudTrailToEncryptLogs")).toEqual({
      Sid: "AllowCloudTrailToEncryptLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${MANAGEMENT_ID}:trail/*` },
        StringEquals: { "aws:SourceArn": TRAIL_ARN },
      },
    });
    for (const sid of ["AllowCloudTrailToDecryptForBucketKeys", "AllowCloudTrailToDescribeKey"]) {
      expect(statement(keyPolicy(), sid).Condition).toEqual({ StringEquals: { "aws:SourceArn": TRAIL_ARN } });
    }
  });

  it("lets AWS Config use it for any account of the organisation, and for no other organisation's", async () => {
    expect(statement(keyPolicy(), "AllowConfigDelivery")).toEqual({
      Sid: "AllowConfigDelivery",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceOrgID": ORG_ID_REF } },
    });
    const encrypt = (account: string, org: Record<string, string>) => decide(keyPolicy(), {
      principal: "config.amazonaws.com", action: "kms:GenerateDataKey", resource: KEY_ARN, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:config:eu-west-2:${account}:*`, ...org },
    });
    expect(await encrypt(MEMBER, OUR_ORG)).toBe("Allowed");
    expect(await encrypt(NEW_MEMBER, OUR_ORG)).toBe("Allowed");
    expect(await encrypt(NEW_MEMBER, OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await encrypt(NEW_MEMBER, {})).toBe("ImplicitlyDenied");
  });

  it("lets VPC flow log delivery use it for any account of the organisation in the allowed Regions only", async () => {
    expect(statement(keyPolicy(), "AllowLogDeliveryForFlowLogs")).toEqual({
      Sid: "AllowLogDeliveryForFlowLogs",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceOrgID": ORG_ID_REF },
        ArnLike: { "aws:SourceArn": ["arn:aws:logs:eu-west-2:*:*"] },
      },
    });
    const encrypt = (account: string, region: string, org: Record<string, string>) => decide(keyPolicy(), {
      principal: "delivery.logs.amazonaws.com", action: "kms:GenerateDataKey", resource: KEY_ARN, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:logs:${region}:${account}:delivery-source:vpc`, ...org },
    });
    expect(await encrypt(MEMBER, "eu-west-2", OUR_ORG)).toBe("Allowed");
    expect(await encrypt(NEW_MEMBER, "eu-west-2", OUR_ORG)).toBe("Allowed");
    expect(await encrypt(NEW_MEMBER, "eu-west-2", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await encrypt(NEW_MEMBER, "us-east-1", OUR_ORG)).toBe("ImplicitlyDenied");
  });

  it("grants nothing else: no auditors unless config names them", () => {
    expect(JSON.parse(keyPolicy()).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "EnableIamPoliciesOfTheKeyAccount", "AllowCloudTrailToEncryptLogs", "AllowCloudTrailToDecryptForBucketKeys",
      "AllowCloudTrailToDescribeKey", "AllowConfigDelivery", "AllowLogDeliveryForFlowLogs", "AllowGuardDutyToEncryptFindings",
    ]);
  });
});

describe("log-archive stack: every bucket", () => {
  it("exists for each kind of the naming contract", () => {
    expect(Object.values(stack.resources("aws_s3_bucket")).map((b) => b.bucket).sort()).toEqual(LOG_BUCKET_KINDS.map(bucketName).sort());
  });

  it.each(LOG_BUCKET_KINDS)("%s: prevent_destroy, never force-destroyed", (kind) => {
    expect(bucket(kind).resource).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  it.each(LOG_BUCKET_KINDS)("%s: all four Block Public Access settings, ACLs disabled, versioning on", (kind) => {
    expect(attached("aws_s3_bucket_public_access_block", kind)).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(attached("aws_s3_bucket_ownership_controls", kind)?.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(attached("aws_s3_bucket_versioning", kind)?.versioning_configuration).toEqual({ status: "Enabled" });
  });

  it.each(LOG_BUCKET_KINDS)("%s: denies every request without TLS", async (kind) => {
    expect(statement(policyOf(kind), "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::${bucketName(kind)}`, `arn:aws:s3:::${bucketName(kind)}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(await decide(policyOf(kind), {
      principal: `arn:aws:iam::${LOG_ARCHIVE_ID}:role/admin`, action: "s3:GetObject", resource: `arn:aws:s3:::${bucketName(kind)}/AWSLogs/x`,
      accountId: LOG_ARCHIVE_ID, context: { "aws:SecureTransport": "false" },
    })).toBe("ExplicitlyDenied");
  });

  it.each(LOG_BUCKET_KINDS)("%s: no one deletes a log object or version, not even the account's administrators", async (kind) => {
    expect(statement(policyOf(kind), "DenyLogDeletion")).toEqual({
      Sid: "DenyLogDeletion",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
      Resource: `arn:aws:s3:::${bucketName(kind)}/*`,
    });
    for (const action of ["s3:DeleteObject", "s3:DeleteObjectVersion"]) {
      expect(await decide(policyOf(kind), {
        principal: `arn:aws:iam::${LOG_ARCHIVE_ID}:role/admin`, action, resource: `arn:aws:s3:::${bucketName(kind)}/AWSLogs/x`,
        accountId: LOG_ARCHIVE_ID, context: { "aws:SecureTransport": "true" },
      }, "s3:*")).toBe("ExplicitlyDenied");
    }
  });

  it.each(LOG_BUCKET_KINDS)("%s: only the delivering services write log objects; no administrator, root or role overwrites one", async (kind) => {
    const arn = `arn:aws:s3:::${bucketName(kind)}`;
    for (const principal of [`arn:aws:iam::${LOG_ARCHIVE_ID}:role/admin`, `arn:aws:iam::${LOG_ARCHIVE_ID}:root`, `arn:aws:iam::${LOG_ARCHIVE_ID}:role/OrganizationAccountAccessRole`]) {
      for (const action of ["s3:PutObject", "s3:ReplicateObject", "s3:ReplicateDelete"]) {
        for (const key of ["AWSLogs/222222222222/CloudTrail/eu-west-2/x.json.gz", "cloudtrail/2026/x", "anything-else"]) {
          expect(await decide(policyOf(kind), {
            principal, action, resource: `${arn}/${key}`, accountId: LOG_ARCHIVE_ID, context: { "aws:SecureTransport": "true" },
          }, "s3:*")).toBe("ExplicitlyDenied");
        }
      }
    }
    // A request without the key is treated as not coming from a service.
    expect(await decide(policyOf(kind), {
      principal: `arn:aws:iam::${LOG_ARCHIVE_ID}:role/admin`, action: "s3:PutObject", resource: `${arn}/AWSLogs/x`, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SecureTransport": "true", "aws:PrincipalIsAWSService": undefined },
    }, "s3:*")).toBe("ExplicitlyDenied");
    // Reading stays with IAM in the log archive account.
    expect(await decide(policyOf(kind), {
      principal: `arn:aws:iam::${LOG_ARCHIVE_ID}:role/admin`, action: "s3:GetObject", resource: `${arn}/AWSLogs/x`, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SecureTransport": "true" },
    }, "s3:*")).toBe("Allowed");
  });

  it.each(LOG_BUCKET_KINDS)("%s: moves objects to Glacier after 90 days and expires them after 2557 (config defaults)", (kind) => {
    const lifecycle = attached("aws_s3_bucket_lifecycle_configuration", kind);
    expect(lifecycle?.transition_default_minimum_object_size).toBe("varies_by_storage_class");
    expect(lifecycle?.rule).toEqual([
      {
        id: "archive-then-expire",
        status: "Enabled",
        filter: [{ prefix: "" }],
        transition: [{ days: 90, storage_class: "GLACIER" }],
        expiration: [{ days: 2557 }],
        // A noncurrent version (overwritten or expired) is kept as long as a current one, and archived alike.
        noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: "GLACIER" }],
        noncurrent_version_expiration: [{ noncurrent_days: 2557 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
      { id: "remove-expired-delete-markers", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ expired_object_delete_marker: true }] },
    ]);
  });
});

describe("log-archive stack: the CloudTrail, Config and flow log buckets", () => {
  it.each(OBJECT_LOCKED)("%s: object lock in compliance mode for 365 days (config default)", (kind) => {
    expect(bucket(kind).resource.object_lock_enabled).toBe(true);
    expect(attached("aws_s3_bucket_object_lock_configuration", kind)).toMatchObject({
      object_lock_enabled: "Enabled",
      rule: { default_retention: { mode: "COMPLIANCE", days: 365 } },
    });
  });

  it.each(LOCKED)("%s: SSE-KMS with the log archive key and an S3 Bucket Key", (kind) => {
    expect(attached("aws_s3_bucket_server_side_encryption_configuration", kind)?.rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: `\${${keyAddress()}.arn}` },
      bucket_key_enabled: true,
    }]);
  });

  it.each(LOCKED)("%s: server access logs go to the access-log bucket under its own prefix", (kind) => {
    expect(attached("aws_s3_bucket_logging", kind)).toMatchObject({
      target_bucket: `\${${bucket("access-logs").address}.bucket}`,
      target_prefix: `${kind}/`,
      target_object_key_format: { partitioned_prefix: { partition_date_source: "EventTime" } },
    });
  });

  it("config: no object lock, which AWS Config cannot deliver to", () => {
    expect(bucket("config").resource.object_lock_enabled).toBeUndefined();
    expect(attached("aws_s3_bucket_object_lock_configuration", "config")).toBeUndefined();
  });

  it("takes the object lock mode and period from config", () => {
    const governance = synthesizeStack("log-archive", loggingConfig((d) => (d.logging.objectLock = { mode: "GOVERNANCE", days: 30 })));
    const locks = Object.values(governance.resources("aws_s3_bucket_object_lock_configuration"));
    expect(locks.map((l) => l.rule)).toEqual(OBJECT_LOCKED.map(() => ({ default_retention: { mode: "GOVERNANCE", days: 30 } })));
  });
});

describe("log-archive stack: the access-log bucket (S3 cannot deliver access logs to a locked or SSE-KMS bucket)", () => {
  it("has no object lock, uses SSE-S3, and logs nowhere itself", () => {
    expect(bucket("access-logs").resource.object_lock_enabled).toBeUndefined();
    expect(attached("aws_s3_bucket_object_lock_configuration", "access-logs")).toBeUndefined();
    expect(attached("aws_s3_bucket_server_side_encryption_configuration", "access-logs")?.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(attached("aws_s3_bucket_logging", "access-logs")).toBeUndefined();
  });

  it("lets only the S3 logging service write, only for the four service log buckets of this account, each into its prefix", async () => {
    const policy = policyOf("access-logs");
    expect(statement(policy, "S3ServerAccessLogsPolicy")).toEqual({
      Sid: "S3ServerAccessLogsPolicy",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: LOCKED.map((kind) => `arn:aws:s3:::${bucketName("access-logs")}/${kind}/*`),
      Condition: {
        ArnLike: { "aws:SourceArn": LOCKED.map((kind) => `arn:aws:s3:::${bucketName(kind)}`) },
        StringEquals: { "aws:SourceAccount": LOG_ARCHIVE_ID },
      },
    });
    const request = (source: string) => ({
      principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: `arn:aws:s3:::${bucketName("access-logs")}/cloudtrail/2026/x`,
      accountId: LOG_ARCHIVE_ID, context: { "aws:SourceArn": source, "aws:SourceAccount": LOG_ARCHIVE_ID, "aws:SecureTransport": "true" },
    });
    expect(await decide(policy, request(`arn:aws:s3:::${bucketName("cloudtrail")}`))).toBe("Allowed");
    expect(await decide(policy, request("arn:aws:s3:::someone-elses-bucket"))).toBe("ImplicitlyDenied");
  });
});

describe("log-archive stack: bucket policies of the delivering services", () => {
  it("CloudTrail: AWS's organisation trail policy, every statement only for this trail", () => {
    const policy = policyOf("cloudtrail");
    const arn = `arn:aws:s3:::${bucketName("cloudtrail")}`;
    expect(statement(policy, "AWSCloudTrailAclCheck20150319")).toEqual({
      Sid: "AWSCloudTrailAclCheck20150319", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl", Resource: arn, Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
    });
    expect(statement(policy, "AWSCloudTrailWrite20150319")).toEqual({
      Sid: "AWSCloudTrailWrite20150319", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject", Resource: `${arn}/AWSLogs/${MANAGEMENT_ID}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    });
    expect(statement(policy, "AWSCloudTrailOrganizationWrite20150319")).toEqual({
      Sid: "AWSCloudTrailOrganizationWrite20150319", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject", Resource: `${arn}/AWSLogs/${ORG_ID_REF}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    });
  });

  it("CloudTrail: the trail may write; another trail, or a write without the owner ACL, may not", async () => {
    const policy = policyOf("cloudtrail");
    const write = (sourceArn: string, acl: string) => decide(policy, {
      principal: "cloudtrail.amazonaws.com", action: "s3:PutObject",
      resource: `arn:aws:s3:::${bucketName("cloudtrail")}/AWSLogs/${MANAGEMENT_ID}/CloudTrail/eu-west-2/x.json.gz`,
      accountId: LOG_ARCHIVE_ID, context: { "aws:SourceArn": sourceArn, "s3:x-amz-acl": acl, "aws:SecureTransport": "true" },
    });
    expect(await write(TRAIL_ARN, "bucket-owner-full-control")).toBe("Allowed");
    expect(await write("arn:aws:cloudtrail:eu-west-2:999999999999:trail/other", "bucket-owner-full-control")).toBe("ImplicitlyDenied");
    expect(await write(TRAIL_ARN, "private")).toBe("ImplicitlyDenied");
  });

  it("Config: ACL and existence checks and delivery for any account of the organisation, none for another organisation's", async () => {
    const policy = policyOf("config");
    const arn = `arn:aws:s3:::${bucketName("config")}`;
    const fromOrganisation = { StringEquals: { "aws:SourceOrgID": ORG_ID_REF } };
    expect(statement(policy, "AWSConfigBucketPermissionsCheck")).toMatchObject({ Principal: { Service: "config.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn, Condition: fromOrganisation });
    expect(statement(policy, "AWSConfigBucketExistenceCheck")).toMatchObject({ Principal: { Service: "config.amazonaws.com" }, Action: "s3:ListBucket", Resource: arn, Condition: fromOrganisation });
    expect(statement(policy, "AWSConfigBucketDelivery")).toEqual({
      Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "s3:PutObject",
      Resource: `${arn}/AWSLogs/*/Config/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": ORG_ID_REF } },
    });
    const request = (action: string, resource: string, account: string, org: Record<string, string>) => decide(policy, {
      principal: "config.amazonaws.com", action, resource, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:config:eu-west-2:${account}:*`, "s3:x-amz-acl": "bucket-owner-full-control", "aws:SecureTransport": "true", ...org },
    });
    const deliver = (account: string, org: Record<string, string>) => request("s3:PutObject", `${arn}/AWSLogs/${account}/Config/eu-west-2/2026/11/24/ConfigSnapshot/x.json.gz`, account, org);
    for (const account of [MEMBER, MANAGEMENT_ID, NEW_MEMBER]) {
      expect([account, await deliver(account, OUR_ORG)]).toEqual([account, "Allowed"]);
      for (const action of ["s3:GetBucketAcl", "s3:ListBucket"]) expect([account, action, await request(action, arn, account, OUR_ORG)]).toEqual([account, action, "Allowed"]);
    }
    expect(await deliver(NEW_MEMBER, OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await deliver(NEW_MEMBER, {})).toBe("ImplicitlyDenied");
    expect(await request("s3:GetBucketAcl", arn, NEW_MEMBER, OTHER_ORG)).toBe("ImplicitlyDenied");
    // Only Config's own folders.
    expect(await request("s3:PutObject", `${arn}/AWSLogs/${MEMBER}/CloudTrail/x.json.gz`, MEMBER, OUR_ORG)).toBe("ImplicitlyDenied");
  });

  it("flow logs: the log delivery service, for any account of the organisation in the allowed Regions, none for another organisation's", async () => {
    const policy = policyOf("flow-logs");
    const arn = `arn:aws:s3:::${bucketName("flow-logs")}`;
    const sources = ["arn:aws:logs:eu-west-2:*:*"];
    expect(statement(policy, "AWSLogDeliveryAclCheck")).toEqual({
      Sid: "AWSLogDeliveryAclCheck", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: arn,
      Condition: { StringEquals: { "aws:SourceOrgID": ORG_ID_REF }, ArnLike: { "aws:SourceArn": sources } },
    });
    expect(statement(policy, "AWSLogDeliveryWrite")).toEqual({
      Sid: "AWSLogDeliveryWrite", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: "s3:PutObject",
      Resource: `${arn}/AWSLogs/*`,
      Condition: {
        StringEquals: { "aws:SourceOrgID": ORG_ID_REF, "s3:x-amz-acl": "bucket-owner-full-control" },
        ArnLike: { "aws:SourceArn": sources },
      },
    });
    const context = (account: string, region: string, org: Record<string, string>) => ({
      "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:logs:${region}:${account}:delivery-source:vpc`,
      "s3:x-amz-acl": "bucket-owner-full-control", "aws:SecureTransport": "true", ...org,
    });
    const deliver = (account: string, region: string, org: Record<string, string>) => decide(policy, {
      principal: "delivery.logs.amazonaws.com", action: "s3:PutObject", resource: `${arn}/AWSLogs/${account}/vpcflowlogs/${region}/x.log.gz`,
      accountId: LOG_ARCHIVE_ID, context: context(account, region, org),
    });
    // The workload VPCs deliver Parquet with Hive-compatible partitions: AWSLogs/aws-account-id=<account>/...
    const deliverHive = (account: string, org: Record<string, string>) => decide(policy, {
      principal: "delivery.logs.amazonaws.com", action: "s3:PutObject",
      resource: `${arn}/AWSLogs/aws-account-id=${account}/aws-service=vpcflowlogs/aws-region=eu-west-2/year=2026/month=11/day=24/hour=05/x.log.parquet`,
      accountId: LOG_ARCHIVE_ID, context: context(account, "eu-west-2", org),
    });
    const check = (action: string, account: string, org: Record<string, string>) => decide(policy, {
      principal: "delivery.logs.amazonaws.com", action, resource: arn, accountId: LOG_ARCHIVE_ID, context: context(account, "eu-west-2", org),
    });
    for (const account of [MEMBER, NEW_MEMBER]) {
      expect([account, await deliver(account, "eu-west-2", OUR_ORG)]).toEqual([account, "Allowed"]);
      expect([account, await deliverHive(account, OUR_ORG)]).toEqual([account, "Allowed"]);
      for (const action of ["s3:GetBucketAcl", "s3:ListBucket"]) expect([account, action, await check(action, account, OUR_ORG)]).toEqual([account, action, "Allowed"]);
    }
    expect(await deliverHive(NEW_MEMBER, OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await deliver(NEW_MEMBER, "eu-west-2", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await deliver(NEW_MEMBER, "eu-west-2", {})).toBe("ImplicitlyDenied");
    expect(await check("s3:GetBucketAcl", NEW_MEMBER, OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await deliver(MEMBER, "us-east-1", OUR_ORG)).toBe("ImplicitlyDenied");
  });

  it("names no member account: the policies are the same whatever accounts config lists", () => {
    const grown = synthesizeStack("log-archive", loggingConfig((data) => {
      for (let i = 0; i < 50; i++) data.accounts.push({ name: `team-${i}`, email: `aws-team-${i}@kestrel.example.org`, purpose: "workload", ou: "Workloads/NonProd" });
    }));
    const policies = (s: SynthesizedStack) => [...Object.values(s.resources("aws_s3_bucket_policy")).map((p) => p.policy), findResource(s, "aws_kms_key", isLogArchiveKey).resource.policy];
    expect(policies(grown)).toEqual(policies(stack));
    for (const policy of policies(stack)) expect([policy, policy.includes(MEMBER)]).toEqual([policy, false]);
  });

  it("grants no one but the delivering services while config names no auditors", () => {
    for (const kind of LOG_BUCKET_KINDS) {
      const principals = JSON.parse(policyOf(kind)).Statement.filter((s: { Effect: string }) => s.Effect === "Allow").map((s: { Principal: unknown }) => s.Principal);
      expect(principals.every((p: { Service?: string }) => typeof p.Service === "string")).toBe(true);
    }
  });
});

describe("log-archive stack: auditors", () => {
  let audited: SynthesizedStack;
  beforeAll(() => {
    audited = synthesizeStack("log-archive", loggingConfig((d) => (d.logging.auditorRoleArns = [AUDITOR])));
  });

  it("may read (never write or delete) every log bucket", async () => {
    for (const policy of Object.values(audited.resources("aws_s3_bucket_policy")).map((p) => p.policy)) {
      const read = statement(policy, "AuditorsRead");
      expect(read.Principal).toEqual({ AWS: [AUDITOR] });
      expect(read.Action).toEqual(AUDITOR_READ_ACTIONS_FOR_TEST);
    }
    const cloudtrailPolicy = Object.values(audited.resources("aws_s3_bucket_policy")).map((p) => p.policy as string).find((p) => p.includes("AWSCloudTrailAclCheck"));
    const request = (action: string) => decide(cloudtrailPolicy ?? "", {
      principal: AUDITOR, action, resource: `arn:aws:s3:::${bucketName("cloudtrail")}/AWSLogs/x`, accountId: LOG_ARCHIVE_ID, context: { "aws:SecureTransport": "true" },
    }, "s3:*");
    expect(await request("s3:GetObject")).toBe("Allowed");
    // Denied outright: only the delivering services write.
    expect(await request("s3:PutObject")).toBe("ExplicitlyDenied");
    expect(await request("s3:DeleteObject")).toBe("ExplicitlyDenied");
  });

  it("may decrypt with the log archive key, through S3 in the home Region only", () => {
    const policy = findResource(audited, "aws_kms_key", isLogArchiveKey).resource.policy;
    expect(statement(policy, "AuditorsDecryptThroughS3")).toEqual({
      Sid: "AuditorsDecryptThroughS3", Effect: "Allow", Principal: { AWS: [AUDITOR] },
      Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com" } },
    });
  });
});

describe("log-archive stack: outputs for the org-trail stack", () => {
  it("outputs the key ARN and every bucket name", () => {
    expect(stack.json.output.key_arn.value).toBe(`\${${keyAddress()}.arn}`);
    expect(Object.keys(stack.json.output.bucket_names.value).sort()).toEqual([...LOG_BUCKET_KINDS].sort());
  });
});

describe("log-archive policy size limits, checked with the config", () => {
  const REGIONS = ["eu-west-2", "eu-west-1", "eu-central-1", "us-east-1"];
  const auditor = (i: number) => `arn:aws:iam::444444444444:role/security-auditor-with-a-long-descriptive-name-${String(i).padStart(3, "0")}`;

  it("measures a policy in bytes against its limit, inclusive", () => {
    const withSid = (sid: string) => ({ Version: "2012-10-17" as const, Statement: [{ Sid: sid, Effect: "Allow" as const, Action: "s3:GetObject" }] });
    const sized = (bytes: number) => withSid("x".repeat(bytes - JSON.stringify(withSid("")).length));
    expect(Buffer.byteLength(JSON.stringify(sized(BUCKET_POLICY_MAX_BYTES)))).toBe(BUCKET_POLICY_MAX_BYTES);
    expect(policySizeProblems([{ what: "p", document: sized(BUCKET_POLICY_MAX_BYTES), maxBytes: BUCKET_POLICY_MAX_BYTES }])).toEqual([]);
    expect(policySizeProblems([{ what: "p", document: sized(BUCKET_POLICY_MAX_BYTES + 1), maxBytes: BUCKET_POLICY_MAX_BYTES }])).toEqual([
      expect.stringMatching(/^p would be 20481 bytes, over AWS's limit of 20480 bytes \(20 KB\)/),
    ]);
  });

  it("passes for 1000 member accounts in four Regions: no policy grows with the accounts", () => {
    const config = loggingConfig((data) => {
      data.organization.allowedRegions = REGIONS;
      for (let i = 0; i < 1000; i++) data.accounts.push({ name: `team-${i}`, email: `aws-team-${i}@kestrel.example.org`, purpose: "workload", ou: "Workloads/NonProd" });
    });
    expect(logArchivePoliciesFit(config)).toEqual([]);
  });

  it("fails validation before any stack is built, naming the bucket (its account id not yet known), its size and the limit, when the auditor roles outgrow S3's 20 KB", () => {
    const issues = issuesOfData((data) => (data.logging.auditorRoleArns = Array.from({ length: 400 }, (_, i) => auditor(i))));
    expect(issues).toContainEqual(expect.objectContaining({
      path: ["logging", "auditorRoleArns"],
      message: expect.stringMatching(/^the bucket policy of the cloudtrail bucket \(kestrel-lz-cloudtrail-<log archive account id>-eu-west-2\) would be \d{5} bytes, over AWS's limit of 20480 bytes/),
    }));
  });
});

describe("log-archive stack: the GuardDuty findings export", () => {
  /** The audit account adopted, so the policies name it literally. */
  const AUDIT_ID = "444455556666";
  const DETECTOR = `arn:aws:guardduty:eu-west-2:${AUDIT_ID}:detector/12abc34d567e8fa901bc2d34e56789f0`;
  let adopted: SynthesizedStack;
  beforeAll(() => {
    adopted = synthesizeStack("log-archive", loggingConfig((d) => {
      d.accounts.find((a: { purpose: string }) => a.purpose === "audit").id = AUDIT_ID;
    }));
  });
  const bucketPolicy = () => findResource(adopted, "aws_s3_bucket_policy", (p) => JSON.parse(p.policy).Statement.some((s: { Sid: string }) => s.Sid === "AllowGuardDutyPutObject")).resource.policy as string;
  const key = () => findResource(adopted, "aws_kms_key", isLogArchiveKey).resource.policy as string;
  const findings = `arn:aws:s3:::${bucketName("guardduty")}`;
  const request = (action: string, resource: string, sourceAccount: string, sourceArn: string) => ({
    principal: "guardduty.amazonaws.com", action, resource, accountId: LOG_ARCHIVE_ID,
    context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn, "aws:SecureTransport": "true" },
  });

  it("has its own bucket, encrypted with the log archive key, versioned, without Object Lock, protected from destroy", () => {
    const found = findResource(adopted, "aws_s3_bucket", (b) => b.bucket === bucketName("guardduty")).resource;
    expect(found).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(found.object_lock_enabled).toBeUndefined();
  });

  it("lets GuardDuty check the bucket and write findings only for the audit account's detector in the home Region", async () => {
    const object = `${findings}/AWSLogs/${AUDIT_ID}/GuardDuty/eu-west-2/2026/01/01/finding.jsonl.gz`;
    expect(await decide(bucketPolicy(), request("s3:GetBucketLocation", findings, AUDIT_ID, DETECTOR))).toBe("Allowed");
    expect(await decide(bucketPolicy(), request("s3:PutObject", object, AUDIT_ID, DETECTOR))).toBe("Allowed");
    // Another account's detector, the audit account's detector in another Region, no source at all.
    expect(await decide(bucketPolicy(), request("s3:PutObject", object, "999999999999", "arn:aws:guardduty:eu-west-2:999999999999:detector/abc"))).toBe("ImplicitlyDenied");
    expect(await decide(bucketPolicy(), request("s3:PutObject", object, AUDIT_ID, `arn:aws:guardduty:us-east-1:${AUDIT_ID}:detector/abc`))).toBe("ImplicitlyDenied");
    expect(await decide(bucketPolicy(), { ...request("s3:PutObject", object, AUDIT_ID, DETECTOR), context: { "aws:SecureTransport": "true" } })).toBe("ImplicitlyDenied");
    // Nothing but writes: GuardDuty cannot read or delete findings.
    expect(await decide(bucketPolicy(), request("s3:GetObject", object, AUDIT_ID, DETECTOR))).toBe("ImplicitlyDenied");
    expect(await decide(bucketPolicy(), request("s3:DeleteObject", object, AUDIT_ID, DETECTOR))).toBe("ExplicitlyDenied");
  });

  it("lets GuardDuty make data keys with the log archive key only for the audit account's detector", async () => {
    expect(await decide(key(), request("kms:GenerateDataKey", KEY_ARN, AUDIT_ID, DETECTOR))).toBe("Allowed");
    expect(await decide(key(), request("kms:GenerateDataKey", KEY_ARN, "999999999999", "arn:aws:guardduty:eu-west-2:999999999999:detector/abc"))).toBe("ImplicitlyDenied");
    expect(await decide(key(), request("kms:Decrypt", KEY_ARN, AUDIT_ID, DETECTOR))).toBe("ImplicitlyDenied");
  });
});
