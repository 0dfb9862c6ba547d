import { keyAccountAdministers, type PolicyDocument, type PolicyStatement } from "./document";

/** Policies of the organisation trail's delivery to CloudWatch Logs and of the security alarm topic, in the management account. */

export interface OrgTrailPolicyContext {
  readonly managementAccountId: string;
  readonly homeRegion: string;
  /** `o-…`: CloudTrail names the log streams of member accounts' events after the organisation. */
  readonly organizationId: string;
  readonly logGroupName: string;
  readonly topicArn: string;
}

export const logGroupArn = (context: OrgTrailPolicyContext): string =>
  `arn:aws:logs:${context.homeRegion}:${context.managementAccountId}:log-group:${context.logGroupName}`;

/** What CloudTrail does with the delivery role: create its log streams and put events into them. */
const CLOUDTRAIL_LOG_DELIVERY_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

/**
 * The delivery role's permissions (CloudTrail UG, "Role policy document for CloudTrail to use CloudWatch Logs"):
 * only the log streams an organisation trail writes in its one log group, the management account's own
 * (`<account>_CloudTrail_<region>…`) and the member accounts' (`<organization id>_…`).
 */
export function cloudTrailLogsRolePolicy(context: OrgTrailPolicyContext): PolicyDocument {
  const streams = `${logGroupArn(context)}:log-stream:`;
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "AWSCloudTrailDeliverToLogGroup",
      Effect: "Allow",
      Action: [...CLOUDTRAIL_LOG_DELIVERY_ACTIONS],
      Resource: [
        `${streams}${context.managementAccountId}_CloudTrail_${context.homeRegion}*`,
        `${streams}${context.organizationId}_*`,
      ],
    }],
  };
}

/** CloudWatch Logs encrypts and decrypts a log group's events with its key (CloudWatch Logs UG, encrypt-log-data-kms). */
const LOGS_KEY_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"] as const;
/** A service that publishes to an encrypted SNS topic needs a data key (SNS DG, "sns-key-management"). */
const TOPIC_PUBLISHER_KEY_ACTIONS = ["kms:GenerateDataKey*", "kms:Decrypt"] as const;

/**
 * CloudWatch alarms may use a key to publish to one encrypted topic only: SNS asks KMS for the topic's data keys with
 * the encryption context aws:sns:topicArn (see managementLoggingKeyPolicy for the sources).
 */
function alarmsUseKeyForTopic(topicArn: string, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: [...TOPIC_PUBLISHER_KEY_ACTIONS],
    Resource: "*",
    Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topicArn } },
  };
}

/**
 * The management account's logging key: the trail's log group and the security alarm topic.
 * - The account's IAM policies manage it (never unmanageable), and so also decide which roles may publish: the
 *   EventBridge rules publish with the alarm publisher role, whose policy allows the key only through SNS.
 * - CloudWatch Logs (the Regional principal) only for the trail's log group (encryption context).
 * - CloudWatch alarms, to publish to the topic, as AWS documents the statement (SNS DG, "Configure AWS KMS
 *   permissions for AWS services", https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html), and only for
 *   this topic: SNS asks KMS for a topic's data keys with the encryption context aws:sns:topicArn (AWS shows the
 *   condition in its key policies for services that publish to encrypted topics, e.g.
 *   https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html). The topic policy
 *   scopes the alarms to this account and Region (aws:SourceAccount, aws:SourceArn); the key statement does not
 *   repeat them, because no AWS page says CloudWatch carries them on the KMS call SNS makes for it, and a condition
 *   that is never present would silently drop every alarm. EventBridge is no longer a key user: with a target role,
 *   the role, not events.amazonaws.com, uses the key.
 */
export function managementLoggingKeyPolicy(context: OrgTrailPolicyContext): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      keyAccountAdministers(context.managementAccountId),
      {
        Sid: "AllowCloudWatchLogsForTheTrailLogGroup",
        Effect: "Allow",
        Principal: { Service: `logs.${context.homeRegion}.amazonaws.com` },
        Action: [...LOGS_KEY_ACTIONS],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn(context) } },
      },
      alarmsUseKeyForTopic(context.topicArn, "AllowAlarmsToPublishToTheEncryptedTopic"),
    ],
  };
}

/** The topic owner's management actions (the default topic policy's list, less nothing we need). */
const TOPIC_OWNER_ACTIONS = [
  "sns:GetTopicAttributes",
  "sns:SetTopicAttributes",
  "sns:AddPermission",
  "sns:RemovePermission",
  "sns:DeleteTopic",
  "sns:Subscribe",
  "sns:ListSubscriptionsByTopic",
  "sns:Publish",
] as const;

/** The account, Region and topic of an alarm topic: the management account's, or the log archive account's. */
export interface AlarmTopicOwner {
  readonly accountId: string;
  readonly homeRegion: string;
  readonly topicArn: string;
}

/** CloudWatch alarms of the topic's own account in the home Region: aws:SourceAccount and aws:SourceArn together. */
function fromOwnAlarms(owner: Omit<AlarmTopicOwner, "topicArn">): { StringEquals: Record<string, string>; ArnLike: Record<string, string> } {
  return {
    StringEquals: { "aws:SourceAccount": owner.accountId },
    ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${owner.homeRegion}:${owner.accountId}:alarm:*` },
  };
}

/**
 * An alarm topic's policy: its account manages it, and that account's IAM policies decide who else in it may
 * publish; CloudWatch alarms of that account in the home Region publish to it (aws:SourceAccount, aws:SourceArn).
 * No statement for events.amazonaws.com: such a statement cannot carry a source condition and so let every
 * account's EventBridge rules publish. Rules use a target role instead, which EventBridge supports for SNS targets
 * ("For Lambda, Amazon SNS, and Amazon SQS targets, you can use either an IAM execution role or a resource-based
 * policy", EventBridge UG, "Using resource-based policies",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html). Plain HTTP is refused.
 */
export function alarmTopicPolicy(owner: AlarmTopicOwner): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TopicOwnerManages",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${owner.accountId}:root` },
        Action: [...TOPIC_OWNER_ACTIONS],
        Resource: owner.topicArn,
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: owner.topicArn,
        Condition: fromOwnAlarms(owner),
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: owner.topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/** The management account's security alarm topic (alarmTopicPolicy), which the EventBridge rules' publisher role also uses. */
export function securityAlarmTopicPolicy(context: OrgTrailPolicyContext): PolicyDocument {
  return alarmTopicPolicy({ accountId: context.managementAccountId, homeRegion: context.homeRegion, topicArn: context.topicArn });
}

/**
 * The key of an alarm topic that only CloudWatch alarms publish to (the log archive account's). CloudWatch cannot
 * publish to a topic encrypted with the AWS managed key alias/aws/sns, whose policy cannot be changed to admit it:
 * an event source of an AWS service needs a customer managed key whose policy allows it kms:GenerateDataKey* and
 * kms:Decrypt (SNS DG, "Enable compatibility between event sources from AWS services and encrypted topics",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). Unlike the
 * management account's shared logging key, this key protects nothing but the topic's messages. CloudWatch may use
 * it only for this topic (the SNS encryption context aws:sns:topicArn, as for the management account's logging key,
 * managementLoggingKeyPolicy); which alarms may publish is the topic policy's job (aws:SourceAccount, aws:SourceArn),
 * since no AWS page says CloudWatch carries those keys on the KMS call SNS makes for it, and a condition that is never
 * present would silently drop every alarm. The account's IAM policies manage the key, so it can never become
 * unmanageable.
 */
export function alarmTopicKeyPolicy(owner: AlarmTopicOwner): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      keyAccountAdministers(owner.accountId),
      alarmsUseKeyForTopic(owner.topicArn, "AllowOwnAlarmsToPublishToTheEncryptedTopic"),
    ],
  };
}
