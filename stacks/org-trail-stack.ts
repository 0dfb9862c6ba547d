import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import { CisAlarms } from "../src/constructs/cis-alarms";
import { ConfigRecorder } from "../src/constructs/config-recorder";
import { breakGlassMetricFilterPattern, LANDING_ZONE_METRIC_NAMESPACE } from "../src/identity/detective-controls";
import { BREAK_GLASS_PERMISSION_SET } from "../src/identity/permission-sets";
import { LandingZoneKey } from "../src/constructs/landing-zone-key";
import { addSecurityAlarmTopic } from "../src/constructs/security-alarm-topic";
import { Naming, STACK_NAMES } from "../src/naming";
import { orgTrailEventSelectors } from "../src/logging/org-trail-event-selectors";
import { CIS_ALARM } from "../src/detective/cis-metric-filters";
import {
  cloudTrailLogsRolePolicy,
  managementLoggingKeyPolicy,
  securityAlarmTopicPolicy,
  type OrgTrailPolicyContext,
} from "../src/policies/org-trail";
import { policyJson } from "../src/policies/document";
import { serviceTrustPolicy } from "../src/policies/trust-policies";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";

export interface OrgTrailStackProps {
  readonly config: LandingZoneConfig;
  /** From the organization stack: `o-…`. */
  readonly organizationId: string;
  /** From the log-archive stack: the CloudTrail bucket. */
  readonly cloudTrailBucketName: string;
  /** From the log-archive stack: the key the trail encrypts log files with. */
  readonly logArchiveKeyArn: string;
  /** From the log-archive stack: every log archive bucket, which data events must not cover (the trail would log itself). */
  readonly logArchiveBucketNames: readonly string[];
  /** From the log-archive stack: the AWS Config bucket the management account's recorder delivers to. */
  readonly configBucketName: string;
}

/**
 * The organisation trail in the management account, its CloudWatch Logs delivery, the CIS section 4 metric filters
 * and alarms on it, and the security alarm topic that other stacks' alerting rules also notify. Apply after the
 * log-archive stack. Also the management account's AWS Config recorder (the management account has no account stack).
 */
export class OrgTrailStack extends LandingZoneStack {
  readonly trail: Cloudtrail;
  readonly topic: SnsTopic;
  readonly logGroup: CloudwatchLogGroup;
  /** Any use of the break-glass permission set, in any account and Region. */
  readonly breakGlassAlarm: CloudwatchMetricAlarm;
  /** AWS Config in the management account. */
  readonly configRecorder: ConfigRecorder;

  constructor(scope: Construct, props: OrgTrailStackProps) {
    super(scope, STACK_NAMES.orgTrail, { config: props.config, target: AccountDirectory.managementAccount(props.config) });
    const { config } = props;
    const naming = this.naming;
    const managementAccountId = this.target.id;

    const context: OrgTrailPolicyContext = {
      managementAccountId,
      homeRegion: config.organization.homeRegion,
      organizationId: props.organizationId,
      logGroupName: naming.orgTrailLogGroupName,
      topicArn: naming.securityAlarmTopicArn(managementAccountId),
    };

    const key = new LandingZoneKey(this, "logging_key", {
      alias: naming.kmsAlias("management-logging"),
      description: `${config.organization.name}: the organisation trail's log group and the security alarm topic`,
      policy: policyJson(managementLoggingKeyPolicy(context)),
    });

    // The key policy must allow CloudWatch Logs before the log group is created with the key: the key is a dependency.
    this.logGroup = new CloudwatchLogGroup(this, "trail_log_group", {
      name: naming.orgTrailLogGroupName,
      retentionInDays: config.logging.cloudWatchLogsRetentionDays,
      kmsKeyId: key.arn,
      // Metric filters need the Standard class.
      logGroupClass: "STANDARD",
      lifecycle: { preventDestroy: true },
    });

    const role = new IamRole(this, "trail_logs_role", {
      name: naming.roleName("cloudtrail-logs"),
      description: "CloudTrail delivers the organisation trail to its CloudWatch Logs group",
      assumeRolePolicy: policyJson(serviceTrustPolicy("cloudtrail.amazonaws.com")),
    });
    const rolePolicy = new IamRolePolicy(this, "trail_logs_role_policy", {
      name: "deliver-to-log-group",
      role: role.name,
      policy: policyJson(cloudTrailLogsRolePolicy(context)),
    });

    this.trail = new Cloudtrail(this, "org_trail", {
      name: naming.orgTrailName,
      s3BucketName: props.cloudTrailBucketName,
      kmsKeyId: props.logArchiveKeyArn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail requires the log stream wildcard on the group's ARN.
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: orgTrailEventSelectors(config, props.logArchiveBucketNames),
      // CloudTrail checks it can assume the role and write to the group when it creates the trail.
      dependsOn: [rolePolicy],
      lifecycle: { preventDestroy: true },
    });

    this.topic = addSecurityAlarmTopic(this, {
      name: naming.securityAlarmTopicName,
      displayName: `${config.organization.name} security alarms`,
      kmsKeyArn: key.arn,
      policy: policyJson(securityAlarmTopicPolicy(context)),
      emails: config.logging.securityContacts,
    });

    new CisAlarms(this, "cis_alarms", { naming, logGroupName: this.logGroup.name, topicArn: this.topic.arn });

    this.breakGlassAlarm = this.watchBreakGlass(naming, this.logGroup.name, this.topic.arn);

    // AWS Config in the management account: it has no account stack, and this is the management account's stack that
    // is applied after the log archive's Config bucket and key exist (the organization stack comes before them). SCPs
    // do not reach the management account, so its allowed Regions are the organisation's.
    this.configRecorder = new ConfigRecorder(this, "config", {
      naming,
      homeRegion: config.organization.homeRegion,
      regions: config.organization.allowedRegions,
      bucketName: props.configBucketName,
      kmsKeyArn: props.logArchiveKeyArn,
    });

    new TerraformOutput(this, "trail_arn", { value: this.trail.arn });
    new TerraformOutput(this, "security_alarm_topic_arn", { value: this.topic.arn });
  }

  /**
   * One metric filter on the organisation trail's log group for any use of the break-glass permission set, in every
   * account and Region (breakGlassMetricFilterPattern), and one alarm on it: it notifies once when the first use
   * lands in a five-minute period and stays in alarm while uses continue, instead of one email per API call. The
   * trail reaches the log group within minutes; the identity stack's rule on credential issuance is the immediate
   * signal.
   */
  private watchBreakGlass(naming: Naming, logGroupName: string, topicArn: string): CloudwatchMetricAlarm {
    const name = naming.alarmName("break-glass-used");
    new CloudwatchLogMetricFilter(this, "break_glass_filter", {
      name,
      logGroupName,
      pattern: breakGlassMetricFilterPattern(BREAK_GLASS_PERMISSION_SET),
      metricTransformation: { name, namespace: LANDING_ZONE_METRIC_NAMESPACE, value: "1" },
    });
    return new CloudwatchMetricAlarm(this, "break_glass_alarm", {
      alarmName: name,
      alarmDescription: `The ${BREAK_GLASS_PERMISSION_SET} permission set was used in some account and Region (docs/identity-center-mfa.md): confirm it was a declared emergency`,
      namespace: LANDING_ZONE_METRIC_NAMESPACE,
      metricName: name,
      ...CIS_ALARM,
      alarmActions: [topicArn],
    });

  }
}
