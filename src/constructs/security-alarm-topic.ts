import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { Construct } from "constructs";
import { policyJson } from "../policies/document";
import { alarmTopicKeyPolicy, alarmTopicPolicy, type AlarmTopicOwner } from "../policies/org-trail";
import { terraformName } from "../terraform/name";
import { LandingZoneKey } from "./landing-zone-key";

export interface SecurityAlarmTopicProps {
  /** From Naming.securityAlarmTopicName: the guardrails protect this name in every account (ProtectAlarmTopic). */
  readonly name: string;
  readonly displayName: string;
  /** A customer managed key CloudWatch alarms may use: they cannot publish to a topic under alias/aws/sns. */
  readonly kmsKeyArn: string;
  /** The topic policy as JSON, from alarmTopicPolicy (src/policies/org-trail.ts). */
  readonly policy: string;
  /** Email addresses subscribed to the topic (logging.securityContacts); each must confirm its subscription. */
  readonly emails: readonly string[];
}

/**
 * A security alarm topic: encrypted, with its policy and an email subscription per security contact. A function,
 * not a construct, so the resources keep the addresses the org-trail stack has always given them
 * (`security_alarm_topic`, `security_alarm_topic_policy`, `security_contact_<address>`) in whichever stack uses it.
 */
export function addSecurityAlarmTopic(scope: Construct, props: SecurityAlarmTopicProps): SnsTopic {
  const topic = new SnsTopic(scope, "security_alarm_topic", {
    name: props.name,
    displayName: props.displayName,
    kmsMasterKeyId: props.kmsKeyArn,
  });
  new SnsTopicPolicy(scope, "security_alarm_topic_policy", { arn: topic.arn, policy: props.policy });
  for (const email of props.emails) {
    // Keyed by the address, so reordering the list in config changes nothing.
    new SnsTopicSubscription(scope, `security_contact_${terraformName(email.toLowerCase())}`, {
      topicArn: topic.arn,
      protocol: "email",
      endpoint: email,
    });
  }
  return topic;
}

export interface KeyedSecurityAlarmTopicProps {
  /** Construct id of the topic's key (its Terraform address). */
  readonly keyId: string;
  /** The key's alias, from Naming.kmsAlias. */
  readonly keyAlias: string;
  readonly keyDescription: string;
  /** The account and Region the topic is in, and its ARN (Naming.securityAlarmTopicArn). */
  readonly owner: AlarmTopicOwner;
  /** From Naming.securityAlarmTopicName. */
  readonly name: string;
  readonly displayName: string;
  /** logging.securityContacts. */
  readonly emails: readonly string[];
}

/**
 * A security alarm topic with a small key of its own, for an account whose alarms have no other key to use (the log
 * archive's and the audit account's): the key admits the account's own CloudWatch alarms for this topic only
 * (alarmTopicKeyPolicy), the topic the account's alarms (alarmTopicPolicy).
 */
export function addKeyedSecurityAlarmTopic(scope: Construct, props: KeyedSecurityAlarmTopicProps): { key: LandingZoneKey; topic: SnsTopic } {
  const key = new LandingZoneKey(scope, props.keyId, {
    alias: props.keyAlias,
    description: props.keyDescription,
    policy: policyJson(alarmTopicKeyPolicy(props.owner)),
  });
  const topic = addSecurityAlarmTopic(scope, {
    name: props.name,
    displayName: props.displayName,
    kmsKeyArn: key.arn,
    policy: policyJson(alarmTopicPolicy(props.owner)),
    emails: props.emails,
  });
  return { key, topic };
}
