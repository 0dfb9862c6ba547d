import type { IamPolicyDocument } from "./identity-center";
import { serviceTrustPolicy } from "./trust-policies";

/**
 * Lets EventBridge assume a target role, only on behalf of rules in the role's own account (confused deputy:
 * aws:SourceAccount) and, when `ruleArns` is given, only for those rules (aws:SourceArn, the ARN of the rule that
 * sends the event; EventBridge UG, "Using IAM policy conditions in Amazon EventBridge",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html).
 */
export function eventBridgeTrustPolicy(accountId: string, ruleArns: readonly string[] = []): IamPolicyDocument {
  return serviceTrustPolicy("events.amazonaws.com", {
    StringEquals: { "aws:SourceAccount": accountId, ...(ruleArns.length === 0 ? {} : { "aws:SourceArn": [...ruleArns] }) },
  });
}

/** Publishing to the encrypted topic: the message, and the data key SNS makes with the topic's key for it. */
export const TOPIC_PUBLISH_ACTIONS = ["sns:Publish"] as const;
export const TOPIC_KEY_ACTIONS = ["kms:GenerateDataKey*", "kms:Decrypt"] as const;

/**
 * What EventBridge may do with the alarm publisher role: publish to the one security alarm topic, and use a KMS key
 * of this account only through SNS in the topic's Region (the topic's key; SNS asks KMS for a data key on the
 * publisher's behalf, SNS DG "Key management", https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 */
export function publishToTopicPolicy(topicArn: string, region: string, accountId: string): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "PublishToSecurityAlarmTopic", Effect: "Allow", Action: [...TOPIC_PUBLISH_ACTIONS], Resource: topicArn },
      {
        Sid: "EncryptThroughSns",
        Effect: "Allow",
        Action: [...TOPIC_KEY_ACTIONS],
        Resource: `arn:aws:kms:${region}:${accountId}:key/*`,
        Condition: { StringEquals: { "kms:ViaService": `sns.${region}.amazonaws.com` } },
      },
    ],
  };
}
