import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import { authenticationSettingsChangedPattern, breakGlassFederationPattern, signInWithoutMfaPattern } from "../identity/detective-controls";
import { BREAK_GLASS_PERMISSION_SET } from "../identity/permission-sets";
import type { Naming } from "../naming";
import { eventBridgeTrustPolicy, publishToTopicPolicy } from "../policies/event-forwarding";
import { SecurityEventRule, type SecurityEventRuleProps } from "./security-event-rule";

export interface IdentityDetectiveControlsProps {
  readonly naming: Naming;
  /** The management account, where Identity Center records these events and the security alarm topic lives. */
  readonly managementAccountId: string;
  /** The home Region: Identity Center's, the topic's and the rules'. */
  readonly homeRegion: string;
  /**
   * The provider of the management account, when the scope's default provider is another account's (a delegated
   * Identity Center administrator).
   * @default - the scope's default provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The detective controls that back up the Identity Center MFA setting no API can set (docs/identity-center-mfa.md):
 * EventBridge rules in the management account for changed authentication settings, sign-in without MFA and
 * break-glass credentials, publishing to the security alarm topic through a role of that account, so the topic needs
 * no statement that any account's rules could use (README: Central logging, alarms).
 *
 * A function, not a construct: the resources keep the addresses the identity stack has always given them
 * (`alarm_publisher`, `alarm_publisher_policy`, `alarm_<control>`) on the scope it is given.
 */
export function addIdentityDetectiveControls(scope: Construct, props: IdentityDetectiveControlsProps): void {
  const { naming, managementAccountId, homeRegion, provider } = props;
  const topicArn = naming.securityAlarmTopicArn(managementAccountId);
  // The rules that may use the role, by name: the trust binds EventBridge to them (aws:SourceArn), not to any rule
  // someone creates in the account.
  const purposes = ["idc-authentication-settings-changed", "idc-sign-in-without-mfa", "break-glass-credentials-issued"] as const;
  const publisher = new IamRole(scope, "alarm_publisher", {
    provider,
    name: naming.roleName("events-publish-alarms"),
    description: "EventBridge rules of the landing zone publish to the security alarm topic",
    assumeRolePolicy: JSON.stringify(eventBridgeTrustPolicy(managementAccountId, purposes.map((purpose) => naming.eventRuleArn(managementAccountId, purpose)))),
  });
  const publisherPolicy = new IamRolePolicy(scope, "alarm_publisher_policy", {
    provider,
    role: publisher.name,
    name: "publish-to-security-alarm-topic",
    policy: JSON.stringify(publishToTopicPolicy(topicArn, homeRegion, managementAccountId)),
  });
  const alarmRule = (id: string, rule: Omit<SecurityEventRuleProps, "provider" | "targetArn" | "targetRoleArn" | "dependsOn">) =>
    new SecurityEventRule(scope, id, { ...rule, provider, targetArn: topicArn, targetRoleArn: publisher.arn, dependsOn: [publisherPolicy] });

  alarmRule("alarm_identity_center_authentication_settings", {
    name: naming.eventRuleName(purposes[0]),
    description: "Identity Center MFA or authentication settings changed (docs/identity-center-mfa.md)",
    pattern: authenticationSettingsChangedPattern(),
  });
  alarmRule("alarm_identity_center_sign_in_without_mfa", {
    name: naming.eventRuleName(purposes[1]),
    description: "An Identity Center user signed in with a password only",
    pattern: signInWithoutMfaPattern(),
  });
  // Kept beside the org-trail stack's break-glass alarm: it fires within seconds of credentials being issued, once
  // per issuance, and its email says who took them. Every API call made with them, in any account and Region, is
  // the org-trail stack's metric filter and alarm (one notification per period, not one per call).
  alarmRule("alarm_break_glass_federation", {
    name: naming.eventRuleName(purposes[2]),
    description: `Credentials of the ${BREAK_GLASS_PERMISSION_SET} permission set were issued, in any account`,
    pattern: breakGlassFederationPattern(BREAK_GLASS_PERMISSION_SET),
    includeReadOnlyEvents: true,
  });
}
