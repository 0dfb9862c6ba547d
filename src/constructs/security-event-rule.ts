import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EventPattern } from "../identity/detective-controls";

export interface SecurityEventRuleProps {
  /** Rule name, from Naming.eventRuleName. */
  readonly name: string;
  readonly description: string;
  /** The pattern, serialised literally into the rule. */
  readonly pattern: EventPattern;
  /**
   * Where matches go: the SNS security alarm topic (Naming.securityAlarmTopicArn; its policy lets
   * events.amazonaws.com publish), or, from another Region, the default event bus of the home Region.
   */
  readonly targetArn: string;
  /**
   * Role EventBridge assumes to deliver to the target; needed for an event bus in another Region.
   * @default - none: EventBridge publishes to the topic under the topic's resource policy
   */
  readonly targetRoleArn?: string;
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
 * An EventBridge rule on the default bus that sends every matching event to the security alarm topic, directly or
 * through the home Region's default bus.
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
      targetId: props.targetRoleArn === undefined ? "security-alarm-topic" : "home-region-bus",
      arn: props.targetArn,
      roleArn: props.targetRoleArn,
    });
    target.overrideLogicalId(id);
  }
}
