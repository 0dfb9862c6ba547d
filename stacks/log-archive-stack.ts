import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import { accountsWithStacks } from "../src/organization/ou-tree";
import { FlowLogDeliveryAlarm } from "../src/constructs/flow-log-delivery-alarm";
import { LandingZoneKey } from "../src/constructs/landing-zone-key";
import { LogArchiveBucket } from "../src/constructs/log-archive-bucket";
import { addKeyedSecurityAlarmTopic } from "../src/constructs/security-alarm-topic";
import { Naming, STACK_NAMES, type LogBucketKind } from "../src/naming";
import {
  accessLogsBucketPolicy,
  accessLogSources,
  logArchiveKeyPolicy,
  SERVICE_LOG_BUCKET_POLICIES,
  type LogArchivePolicyContext,
  type ServiceLogKind,
} from "../src/policies/log-archive";
import { OBJECT_LOCKED_KINDS } from "../src/logging/object-lock";
import { policyJson } from "../src/policies/document";
import type { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";

export interface LogArchiveStackProps {
  readonly config: LandingZoneConfig;
  /** From the organization stack: `o-…`. */
  readonly organizationId: string;
  /** OrganizationStack.accounts: the log archive account (the policies admit accounts by organisation, not by list). */
  readonly accounts: AccountDirectory;
}

/**
 * The log archive account: one KMS key and the buckets every account's CloudTrail, AWS Config and VPC flow logs
 * are delivered to, the bucket of the GuardDuty findings export, plus the bucket that receives those buckets' S3 server access logs. Apply after the
 * organization stack and before the org-trail stack (CloudTrail checks the bucket and key policy when it creates
 * the trail).
 */
export class LogArchiveStack extends LandingZoneStack {
  readonly logArchiveAccountId: string;
  readonly key: LandingZoneKey;
  readonly buckets: Readonly<Record<LogBucketKind, LogArchiveBucket>>;
  /** Only when some account has a VPC: without one no flow log delivers, and the alarm could only ever fire. */
  readonly flowLogDeliveryAlarm?: FlowLogDeliveryAlarm;

  constructor(scope: Construct, props: LogArchiveStackProps) {
    super(scope, STACK_NAMES.logArchive, { config: props.config, target: props.accounts.logArchive });
    const { config, accounts } = props;
    const naming = this.naming;
    const accountId = accounts.logArchive.id;
    this.logArchiveAccountId = accountId;

    const context: LogArchivePolicyContext = {
      logArchiveAccountId: accountId,
      managementAccountId: config.organization.managementAccountId,
      auditAccountId: accounts.audit.id,
      organizationId: props.organizationId,
      homeRegion: config.organization.homeRegion,
      regions: config.organization.allowedRegions,
      trailArn: naming.orgTrailArn(config.organization.managementAccountId),
      auditorRoleArns: config.logging.auditorRoleArns,
    };

    // The policies' sizes were checked with the config (src/config/rules/logging.ts): none depends on the accounts.

    this.key = new LandingZoneKey(this, "log_archive_key", {
      alias: naming.kmsAlias("log-archive"),
      description: `${config.organization.name} log archive: CloudTrail, AWS Config and VPC flow logs`,
      policy: policyJson(logArchiveKeyPolicy(context)),
    });

    const lifecycle = {
      transitionToGlacierDays: config.logging.transitionToGlacierDays,
      expirationDays: config.logging.expirationDays,
    };
    const accessLogsName = naming.logBucketName("access-logs", accountId);
    // S3 cannot deliver server access logs to a bucket with Object Lock default retention or SSE-KMS: this one
    // has neither, is written only by the S3 logging service for the buckets below, and logs nowhere itself.
    const accessLogs = new LogArchiveBucket(this, "access-logs", {
      bucketName: accessLogsName,
      policy: policyJson(accessLogsBucketPolicy(accessLogsName, accessLogSources((kind) => naming.logBucketName(kind, accountId)), context)),
      ...lifecycle,
    });

    const serviceLogBucket = (kind: ServiceLogKind): LogArchiveBucket => {
      const bucketName = naming.logBucketName(kind, accountId);
      return new LogArchiveBucket(this, kind, {
        bucketName,
        policy: policyJson(SERVICE_LOG_BUCKET_POLICIES[kind](bucketName, context)),
        kmsKeyArn: this.key.arn,
        objectLock: OBJECT_LOCKED_KINDS.includes(kind) ? config.logging.objectLock : undefined,
        accessLogs: { bucketName: accessLogs.bucketName, prefix: `${kind}/` },
        ...lifecycle,
      });
    };
    this.buckets = {
      cloudtrail: serviceLogBucket("cloudtrail"),
      config: serviceLogBucket("config"),
      "flow-logs": serviceLogBucket("flow-logs"),
      guardduty: serviceLogBucket("guardduty"),
      "access-logs": accessLogs,
    };

    if (accountsWithStacks(config.accounts, config.guardrails.suspendedOu).some((a) => a.network !== undefined))
      this.flowLogDeliveryAlarm = this.watchFlowLogDelivery(config, naming, accountId);

    new TerraformOutput(this, "key_arn", { value: this.key.arn });
    new TerraformOutput(this, "bucket_names", {
      value: Object.fromEntries(Object.entries(this.buckets).map(([kind, bucket]) => [kind, bucket.bucketName])),
    });
  }

  /**
   * The flow-log delivery alarm (FlowLogDeliveryAlarm) and what it notifies: CloudWatch alarm actions go to a topic
   * of the alarm's own account, so the log archive account gets its own security alarm topic, named like the
   * management account's (the ProtectAlarmTopic guardrail covers the name in every account), with the same policy
   * shape and subscribers. Its key is a small one of its own rather than a statement on the log archive key: the
   * logs' key then admits no principal beyond the deliveries and auditors, and its policy keeps growing with the
   * organisation alone.
   */
  private watchFlowLogDelivery(config: LandingZoneConfig, naming: Naming, accountId: string): FlowLogDeliveryAlarm {
    const owner = { accountId, homeRegion: config.organization.homeRegion, topicArn: naming.securityAlarmTopicArn(accountId) };
    const { topic } = addKeyedSecurityAlarmTopic(this, {
      keyId: "alarm_topic_key",
      keyAlias: naming.kmsAlias("log-archive-alarms"),
      keyDescription: `${config.organization.name} log archive: the security alarm topic`,
      owner,
      name: naming.securityAlarmTopicName,
      displayName: `${config.organization.name} log archive alarms`,
      emails: config.logging.securityContacts,
    });
    new TerraformOutput(this, "security_alarm_topic_arn", { value: topic.arn });
    return new FlowLogDeliveryAlarm(this, "flow_log_delivery", {
      bucketName: this.buckets["flow-logs"].bucketName,
      metricsId: naming.flowLogDeliveryMetricsId,
      alarmName: naming.alarmName("flow-log-delivery-stopped"),
      topicArn: topic.arn,
    });
  }
}
