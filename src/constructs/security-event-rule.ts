import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EventPattern } from "../detective/event-pattern";

export interface SecurityEventRuleProps {
  /** Rule name, from Naming.eventRuleName. */
  readonly name: string;
  readonly description: string;
  /** The pattern, serialised literally into the rule. */
  readonly pattern: EventPattern;
  /** Where matches go: the SNS security alarm topic (Naming.securityAlarmTopicArn). */
  readonly targetArn: string;
  /**
   * Role EventBridge assumes to publish to the topic (sns:Publish on it, and its key through SNS). The topic's policy
   * has no statement for events.amazonaws.com, which could not be limited to this account's rules.
   */
  readonly targetRoleArn: string;
  /**
   * Resources the target needs first, such as the role's policy.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Match read-only management events too (Get*, List*, Describe*), which EventBridge otherwise leaves out.
   * @default false
   */
  readonly includeReadOnlyEvents?: boolean;
  /**
   * Provider of the account and Region the rule watches.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An EventBridge rule on the default bus that sends every matching event to the security alarm topic, with a role.
 */
export class SecurityEventRule extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: SecurityEventRuleProps) {
    super(scope, id);
    this.rule = new CloudwatchEventRule(this, "rule", {
      provider: props.provider,
      name: props.name,
      description: props.description,
      eventPattern: JSON.stringify(props.pattern),
      state: props.includeReadOnlyEvents === true ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED",
    });
    this.rule.overrideLogicalId(id);
    const target = new CloudwatchEventTarget(this, "target", {
      provider: props.provider,
      rule: this.rule.name,
      targetId: "security-alarm-topic",
      arn: props.targetArn,
      roleArn: props.targetRoleArn,
      dependsOn: props.dependsOn,
    });
    target.overrideLogicalId(id);
  }
}
