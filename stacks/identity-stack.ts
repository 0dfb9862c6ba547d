import { DataAwsSsoadminInstances } from "@cdktf/provider-aws/lib/data-aws-ssoadmin-instances";
import { IdentitystoreGroup } from "@cdktf/provider-aws/lib/identitystore-group";
import { IdentitystoreGroupMembership } from "@cdktf/provider-aws/lib/identitystore-group-membership";
import { IdentitystoreUser } from "@cdktf/provider-aws/lib/identitystore-user";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsoadminInstanceAccessControlAttributes } from "@cdktf/provider-aws/lib/ssoadmin-instance-access-control-attributes";
import { Fn, TerraformOutput, Token, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import { PermissionSet } from "../src/constructs/permission-set";
import { SecurityEventRule, type SecurityEventRuleProps } from "../src/constructs/security-event-rule";
import { authenticationSettingsChangedPattern, breakGlassFederationPattern, signInWithoutMfaPattern } from "../src/identity/detective-controls";
import { requiredId } from "../src/identity/assignments";
import { BREAK_GLASS_PERMISSION_SET, permissionSetsToCreate } from "../src/identity/permission-sets";
import { STACK_NAMES } from "../src/naming";
import { eventBridgeTrustPolicy, publishToTopicPolicy } from "../src/policies/event-forwarding";
import type { AccountDirectory } from "../src/stacks/account-directory";
import type { IdentityCenterReferences } from "./identity-assignments-stack";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { terraformLiteral } from "../src/terraform-literal";
import { terraformName } from "../src/terraform-name";

/** The service principal of IAM Identity Center, for delegated administration. */
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = "sso.amazonaws.com";

export interface IdentityStackProps {
  readonly config: LandingZoneConfig;
  /** OrganizationStack.accounts: the delegated administrator. */
  readonly accounts: AccountDirectory;
}

/**
 * IAM Identity Center: groups, users, permission sets and ABAC attributes, plus the detective controls that back up
 * the MFA setting no API can set (docs/identity-center-mfa.md). The account assignments are in the shard stacks
 * (stacks/identity-assignments-stack.ts), which read this stack's instance, groups and permission sets.
 *
 * It runs in the management account, or in the Identity Center delegated administrator when config names one. The
 * delegation itself and the detective rules need the management account, so with a delegated administrator the
 * stack has a second provider, `management`, for them: the delegation then sits beside the resources that depend on
 * it, and the organization stack stays free of Identity Center.
 */
export class IdentityStack extends LandingZoneStack {
  /** The instance, groups and permission sets, for the assignment shards (cross-stack references). */
  readonly references: IdentityCenterReferences;

  constructor(scope: Construct, props: IdentityStackProps) {
    const { config, accounts } = props;
    const delegatedName = config.identity.delegatedAdministrator;
    // The Identity Center instance lives in the management account and in its home Region, which the landing zone
    // takes to be organization.homeRegion (README: identity); with a delegated administrator the stack runs there.
    const delegated = delegatedName === undefined ? undefined : accounts.account(delegatedName);
    super(scope, STACK_NAMES.identity, { config, target: delegated ?? accounts.management });
    const { organization, identity } = config;
    const naming = this.naming;

    let management: AwsProvider | undefined;
    const waitFor: ITerraformDependable[] = [];
    if (delegated !== undefined) {
      management = this.accountProvider("management", accounts.management, "management");
      waitFor.push(
        new OrganizationsDelegatedAdministrator(this, "identity_center_delegated_administrator", {
          provider: management,
          accountId: delegated.id,
          servicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL,
        }),
      );
    }

    const dependsOn = waitFor.length > 0 ? waitFor : undefined;
    let instanceArn: string;
    let identityStoreId: string;
    if (identity.instanceArn !== undefined && identity.identityStoreId !== undefined) {
      instanceArn = identity.instanceArn;
      identityStoreId = identity.identityStoreId;
    } else {
      // Both are sets in the provider's schema: convert to a list before taking the one element.
      const instances = new DataAwsSsoadminInstances(this, "identity_center", { dependsOn });
      instanceArn = Token.asString(Fn.element(Fn.tolist(instances.arns), 0));
      identityStoreId = Token.asString(Fn.element(Fn.tolist(instances.identityStoreIds), 0));
    }

    const groupIds = new Map<string, string>();
    for (const group of identity.groups) {
      const resource = new IdentitystoreGroup(this, `group_${terraformName(group.name)}`, {
        identityStoreId,
        displayName: group.name,
        description: group.description === undefined ? undefined : terraformLiteral(group.description),
        dependsOn,
      });
      groupIds.set(group.name, resource.groupId);
    }

    for (const user of identity.users) {
      const resource = new IdentitystoreUser(this, `user_${terraformName(user.userName)}`, {
        identityStoreId,
        userName: user.userName,
        // Free text: a "${" or "%{" in it must reach the identity store as written, not as a Terraform template.
        displayName: terraformLiteral(user.displayName),
        name: { givenName: terraformLiteral(user.givenName), familyName: terraformLiteral(user.familyName) },
        emails: { value: user.email, primary: true, type: "work" },
        dependsOn,
      });
      for (const group of user.groups) {
        new IdentitystoreGroupMembership(this, `membership_${terraformName(user.userName)}_${terraformName(group)}`, {
          identityStoreId,
          groupId: requiredId(groupIds, group, "group"),
          memberId: resource.userId,
        });
      }
    }

    const permissionSetArns = new Map<string, string>();
    for (const spec of permissionSetsToCreate(identity)) {
      const set = new PermissionSet(this, `permission_set_${terraformName(spec.name)}`, {
        instanceArn,
        spec,
        tags: { PermissionLevel: spec.privileged ? "privileged" : "standard" },
        dependsOn,
      });
      permissionSetArns.set(spec.name, set.permissionSet.arn);
    }

    // Account assignments live in the shard stacks (stacks/identity-assignments-stack.ts), which read these.
    this.references = { instanceArn, groupIds, permissionSetArns };

    if (identity.accessControlAttributes.length > 0) {
      new SsoadminInstanceAccessControlAttributes(this, "access_control_attributes", {
        instanceArn,
        // A source such as ${path:enterprise.costCenter} is Identity Center syntax, not a Terraform interpolation.
        attribute: identity.accessControlAttributes.map((a) => ({ key: a.key, value: [{ source: a.source.map(terraformLiteral) }] })),
        dependsOn,
      });
    }

    // Detective controls, in the management account where Identity Center records these events. EventBridge
    // delivers to the topic with a role of this account, so the topic needs no statement that any account's rules
    // could use (README: Central logging, alarms).
    const topicArn = naming.securityAlarmTopicArn(organization.managementAccountId);
    const publisher = new IamRole(this, "alarm_publisher", {
      provider: management,
      name: naming.roleName("events-publish-alarms"),
      description: "EventBridge rules of the landing zone publish to the security alarm topic",
      assumeRolePolicy: JSON.stringify(eventBridgeTrustPolicy(organization.managementAccountId)),
    });
    const publisherPolicy = new IamRolePolicy(this, "alarm_publisher_policy", {
      provider: management,
      role: publisher.name,
      name: "publish-to-security-alarm-topic",
      policy: JSON.stringify(publishToTopicPolicy(topicArn, organization.homeRegion, organization.managementAccountId)),
    });
    const alarmRule = (id: string, props: Omit<SecurityEventRuleProps, "provider" | "targetArn" | "targetRoleArn" | "dependsOn">) =>
      new SecurityEventRule(this, id, { ...props, provider: management, targetArn: topicArn, targetRoleArn: publisher.arn, dependsOn: [publisherPolicy] });
    alarmRule("alarm_identity_center_authentication_settings", {
      name: naming.eventRuleName("idc-authentication-settings-changed"),
      description: "Identity Center MFA or authentication settings changed (docs/identity-center-mfa.md)",
      pattern: authenticationSettingsChangedPattern(),
    });
    alarmRule("alarm_identity_center_sign_in_without_mfa", {
      name: naming.eventRuleName("idc-sign-in-without-mfa"),
      description: "An Identity Center user signed in with a password only",
      pattern: signInWithoutMfaPattern(),
    });
    // Kept beside the org-trail stack's break-glass alarm: it fires within seconds of credentials being issued, once
    // per issuance, and its email says who took them. Every API call made with them, in any account and Region, is
    // the org-trail stack's metric filter and alarm (one notification per period, not one per call).
    alarmRule("alarm_break_glass_federation", {
      name: naming.eventRuleName("break-glass-credentials-issued"),
      description: `Credentials of the ${BREAK_GLASS_PERMISSION_SET} permission set were issued, in any account`,
      pattern: breakGlassFederationPattern(BREAK_GLASS_PERMISSION_SET),
      includeReadOnlyEvents: true,
    });

    new TerraformOutput(this, "identity_store_id", { value: identityStoreId });
    new TerraformOutput(this, "group_ids", { value: Object.fromEntries(groupIds) });
    new TerraformOutput(this, "permission_set_arns", { value: Object.fromEntries(permissionSetArns) });
  }
}
