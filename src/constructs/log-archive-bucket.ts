import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import type { ObjectLockMode } from "../logging/object-lock";

/** Parts of an upload that never completed are removed after this long. */
export const INCOMPLETE_UPLOAD_DAYS = 7;

export interface LogArchiveBucketProps {
  /** From Naming.logBucketName. */
  readonly bucketName: string;
  /** The bucket policy as JSON; it must deny non-TLS requests (see denyInsecureTransport in src/policies/). */
  readonly policy: string;
  /**
   * SSE-KMS with this customer-managed key, with an S3 Bucket Key to cut KMS requests.
   * @default - SSE-S3 (AES256): only for a bucket that receives S3 server access logs, which S3 cannot deliver to
   * an SSE-KMS bucket
   */
  readonly kmsKeyArn?: string;
  /**
   * Default Object Lock retention of every new object version.
   * @default - no Object Lock: only for a bucket that S3 server access logging or AWS Config delivers to, as neither
   * can deliver to a bucket with Object Lock; its policy must deny deleting logs (see denyLogDeletion)
   */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly days: number };
  /**
   * Where this bucket's server access logs go.
   * @default - none: only for the bucket that receives the access logs (logging to itself would loop)
   */
  readonly accessLogs?: { readonly bucketName: string; readonly prefix: string };
  /** Days after which objects move to S3 Glacier Flexible Retrieval. Less than expirationDays. */
  readonly transitionToGlacierDays: number;
  /** Days after which objects expire (the retention period). At least objectLock.days. */
  readonly expirationDays: number;
}

/**
 * A bucket of the log archive: private (all four Block Public Access settings, ACLs disabled), versioned,
 * encrypted, reachable by TLS only, logged, locked, archived to Glacier and expired after the retention period,
 * and protected from destroy.
 */
export class LogArchiveBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketPolicy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    super(scope, id);
    validate(props);

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      objectLockEnabled: props.objectLock === undefined ? undefined : true,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // ACLs disabled: the bucket owner owns every object, whoever delivered it.
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const versioning = new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        props.kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true },
      ],
    });
    if (props.objectLock !== undefined) {
      new S3BucketObjectLockConfigurationA(this, "object_lock", {
        bucket,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: [versioning],
      });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      // CloudTrail and flow log files are mostly under 128 KB, which S3 by default never transitions; archive them too.
      transitionDefaultMinimumObjectSize: "varies_by_storage_class",
      rule: [
        {
          id: "archive-then-expire",
          status: "Enabled",
          filter: [{ prefix: "" }],
          transition: [{ days: props.transitionToGlacierDays, storageClass: "GLACIER" }],
          expiration: [{ days: props.expirationDays }],
          // A version that became noncurrent (expired, or overwritten should the bucket policy's write deny ever be
          // lifted) is kept as long as a current one, counted from when it became noncurrent, and archived alike:
          // a short noncurrent period would let an overwrite shorten a log's retention to that period.
          noncurrentVersionTransition: [{ noncurrentDays: props.transitionToGlacierDays, storageClass: "GLACIER" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: INCOMPLETE_UPLOAD_DAYS }],
        },
        {
          id: "remove-expired-delete-markers",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
      dependsOn: [versioning],
    });
    if (props.accessLogs !== undefined) {
      new S3BucketLoggingA(this, "access_logging", {
        bucket,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: props.accessLogs.prefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      });
    }
    this.bucketPolicy = new S3BucketPolicy(this, "policy", { bucket, policy: props.policy });
  }

  get bucketName(): string {
    return this.bucket.bucket;
  }

  get arn(): string {
    return this.bucket.arn;
  }
}

/** Every problem with the props at once, each naming the prop, the rule and the value. */
function validate(props: LogArchiveBucketProps): void {
  const problems: string[] = [];
  if (props.transitionToGlacierDays >= props.expirationDays)
    problems.push(`transitionToGlacierDays (${props.transitionToGlacierDays}) must be less than expirationDays (${props.expirationDays})`);
  if (props.objectLock !== undefined && props.expirationDays < props.objectLock.days)
    problems.push(`expirationDays (${props.expirationDays}) must be at least objectLock.days (${props.objectLock.days})`);
  if (props.objectLock !== undefined && props.kmsKeyArn === undefined)
    problems.push("a bucket with Object Lock holds CloudTrail or flow logs and must use SSE-KMS: give kmsKeyArn");
  if (problems.length > 0) throw new Error(`LogArchiveBucket ${props.bucketName}: ${problems.join("; ")}`);
}
