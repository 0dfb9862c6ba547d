/**
 * What the organization resource keeps enabled: the AWS services with trusted access and the policy types. The
 * provider reconciles both lists to exactly what it is given, so they are built here in one place.
 */

/** The service principal of IAM Identity Center: trusted access, and delegated administration (identity stack). */
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = "sso.amazonaws.com";

/** What the two lists depend on; the landing zone config satisfies it. */
export interface TrustedAccessInput {
  readonly organization: {
    /** Trusted services enabled outside the landing zone that it must keep. */
    readonly additionalTrustedServices: readonly string[];
    /** Policy types enabled outside the landing zone that it must keep. */
    readonly additionalPolicyTypes: readonly string[];
  };
  /** With Terraform Cloud, the pipeline's StackSets need trusted access too. */
  readonly backend: { readonly type: string };
}

/**
 * AWS services that act across the organisation on the landing zone's behalf (trusted access). Each one is
 * enabled here because a landing zone stack or guardrail depends on it.
 */
export const SERVICE_ACCESS_PRINCIPALS = [
  "cloudtrail.amazonaws.com", // the organisation trail
  "config.amazonaws.com", // AWS Config in every account, aggregated in the audit account
  "config-multiaccountsetup.amazonaws.com", // organisation Config rules and conformance packs
  "guardduty.amazonaws.com", // GuardDuty, administered from the audit account
  // GuardDuty Malware Protection's own principal: GuardDuty's delegation enables trusted access for it too (the AWS
  // managed policy AmazonGuardDutyFullAccess lets GuardDuty enable it, GuardDuty UG "Permissions required to
  // designate a delegated GuardDuty administrator account"); unlisted, the next apply here would turn it off.
  "malware-protection.guardduty.amazonaws.com",
  "securityhub.amazonaws.com", // Security Hub central configuration from the audit account
  "access-analyzer.amazonaws.com", // organisation-wide IAM Access Analyzer
  "macie.amazonaws.com", // Macie data classification, administered from the audit account
  "inspector2.amazonaws.com", // Inspector vulnerability scanning, administered from the audit account
  IDENTITY_CENTER_SERVICE_PRINCIPAL, // IAM Identity Center: the only way people sign in
  "iam.amazonaws.com", // centralised root access: member accounts have no root credentials
  "account.amazonaws.com", // alternate contacts and Region opt-in managed centrally
  "backup.amazonaws.com", // backup policies and cross-account backup monitoring
  "ram.amazonaws.com", // sharing resources inside the organisation only
  "tagpolicies.tag.amazonaws.com", // tag policy compliance reports
] as const;

/**
 * Service-managed CloudFormation StackSets: the Terraform Cloud pipeline creates each member account's workspace
 * roles through them (stacks/pipeline-stack.ts). docs/terraform-cloud.md has it activated from CloudFormation first.
 */
export const STACKSETS_SERVICE_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";

/**
 * Every service whose trusted access the organization keeps. The provider reconciles the organization's list to
 * exactly this one: it calls DisableAWSServiceAccess for every enabled principal not listed (hashicorp/terraform-
 * provider-aws, internal/service/organizations/organization.go, resourceOrganizationUpdate), so anything enabled
 * outside Terraform must be listed here through config, or the next apply turns it off.
 */
export function trustedServices(config: TrustedAccessInput): string[] {
  const pipeline = config.backend.type === "cloud" ? [STACKSETS_SERVICE_PRINCIPAL] : [];
  return [...new Set<string>([...SERVICE_ACCESS_PRINCIPALS, ...pipeline, ...config.organization.additionalTrustedServices])];
}

/** The policy types the organization keeps enabled; the provider disables every other one (same source as above). */
export function enabledPolicyTypes(config: Pick<TrustedAccessInput, "organization">): string[] {
  return [...new Set<string>([...ENABLED_POLICY_TYPES, ...config.organization.additionalPolicyTypes])];
}

/** Organizations policy types the landing zone attaches. */
export const ENABLED_POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
] as const;
