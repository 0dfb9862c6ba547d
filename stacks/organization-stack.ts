import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { OrganizationGuardrails } from "../src/constructs/organization-guardrails";
import { flattenOrganizationalUnits, isWithinOu } from "../src/organization/ou-tree";
import { CentralizedRootAccess } from "../src/constructs/centralized-root-access";
import type { LandingZoneConfig } from "../src/config/schema";
import { Naming, STACK_NAMES } from "../src/naming";
import { createAccountProvider } from "../src/providers";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { terraformName } from "../src/terraform/name";
import { defaultTags } from "../src/tags";

/**
 * AWS services that act across the organisation on the landing zone's behalf (trusted access). Each one is
 * enabled here because a landing zone stack or guardrail depends on it.
 */
export const SERVICE_ACCESS_PRINCIPALS = [
  "cloudtrail.amazonaws.com", // the organisation trail
  "config.amazonaws.com", // AWS Config in every account, aggregated in the audit account
  "config-multiaccountsetup.amazonaws.com", // organisation Config rules and conformance packs
  "guardduty.amazonaws.com", // GuardDuty, administered from the audit account
  "securityhub.amazonaws.com", // Security Hub central configuration from the audit account
  "access-analyzer.amazonaws.com", // organisation-wide IAM Access Analyzer
  "macie.amazonaws.com", // Macie data classification, administered from the audit account
  "sso.amazonaws.com", // IAM Identity Center: the only way people sign in
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
export function trustedServices(config: LandingZoneConfig): string[] {
  const pipeline = config.backend.type === "cloud" ? [STACKSETS_SERVICE_PRINCIPAL] : [];
  return [...new Set<string>([...SERVICE_ACCESS_PRINCIPALS, ...pipeline, ...config.organization.additionalTrustedServices])];
}

/** The policy types the organization keeps enabled; the provider disables every other one (same source as above). */
export function enabledPolicyTypes(config: LandingZoneConfig): string[] {
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

/**
 * The organization, its OU tree and its member accounts, in the management account.
 *
 * Nothing here may be lost by accident: the organization and every account have prevent_destroy, and removing an
 * account from config never closes it (close_on_deletion is false).
 */
export class OrganizationStack extends LandingZoneStack {
  readonly organization: OrganizationsOrganization;
  /** OU ids by OU path, such as `Workloads/Prod`. */
  readonly organizationalUnitIds: ReadonlyMap<string, string>;
  /** Id of the organization root (`r-…`). */
  readonly rootId: string;
  /**
   * Account ids by account name: the literal id from config for adopted accounts and the management account
   * (so their stacks plan without this stack's state), a cross-stack reference for accounts created here.
   */
  readonly accountIds: ReadonlyMap<string, string>;
  /** Every account with its id, for the stacks that deploy into them or name them. */
  readonly accounts: AccountDirectory;

  constructor(scope: Construct, config: LandingZoneConfig) {
    super(scope, STACK_NAMES.organization, { config, target: AccountDirectory.managementAccount(config) });
    const naming = this.naming;

    this.organization = new OrganizationsOrganization(this, "organization", {
      featureSet: "ALL",
      awsServiceAccessPrincipals: trustedServices(config),
      enabledPolicyTypes: enabledPolicyTypes(config),
      lifecycle: { preventDestroy: true },
    });
    if (config.organization.id !== undefined) this.organization.importFrom(config.organization.id);
    // No root credentials in member accounts; needs the trusted access for iam.amazonaws.com enabled above.
    new CentralizedRootAccess(this, "root_access", { organization: this.organization });
    const rootId = this.organization.roots.get(0).id;
    this.rootId = rootId;

    const ouIds = new Map<string, string>();
    for (const flat of flattenOrganizationalUnits(config.organizationalUnits)) {
      const ou = new OrganizationsOrganizationalUnit(this, `ou_${terraformName(flat.path)}`, {
        name: flat.ou.name,
        parentId: flat.parentPath === undefined ? rootId : required(ouIds, flat.parentPath),
        lifecycle: { preventDestroy: true },
      });
      if (flat.ou.id !== undefined) ou.importFrom(flat.ou.id);
      ouIds.set(flat.path, ou.id);
    }
    this.organizationalUnitIds = ouIds;

    const accountIds = new Map<string, string>();
    for (const account of config.accounts) {
      if (account.purpose === "management") {
        accountIds.set(account.name, config.organization.managementAccountId);
        continue;
      }
      const resource = new OrganizationsAccount(this, `account_${account.name}`, {
        name: account.displayName ?? naming.awsAccountName(account.name),
        email: account.email,
        parentId: required(ouIds, account.ou ?? ""),
        roleName: config.organization.memberAccountRole,
        iamUserAccessToBilling: "ALLOW",
        // Removing an account from config must never close it: closing is a deliberate, manual act.
        closeOnDeletion: false,
        tags: { ...account.tags, Purpose: account.purpose },
        lifecycle: {
          preventDestroy: true,
          // Organizations only uses these when it creates an account and cannot read them back, so an adopted
          // account would otherwise show a change, and a change would force a replacement.
          ignoreChanges: ["role_name", "iam_user_access_to_billing"],
        },
      });
      if (account.id === undefined) {
        accountIds.set(account.name, resource.id);
      } else {
        resource.importFrom(account.id);
        accountIds.set(account.name, account.id);
      }
    }
    this.accountIds = accountIds;
    this.accounts = new AccountDirectory(config, accountIds);

    // Region deny, protective SCPs, RCPs, tag, backup and AI opt-out policies, and where each is attached.
    new OrganizationGuardrails(this, "guardrails", {
      config, rootId, organizationalUnitIds: ouIds, accountIds,
      // Local or S3 backend: no SCP may reach an adopted account before the deployment role is proven to exist
      // there. Terraform Cloud: nothing assumes that role, so there is nothing to check (see deploymentRoleChecks).
      attachAfter: deploymentRoleChecks(this, config, naming),
      organization: this.organization,
      // Literal when config adopts the organization; otherwise a reference to the one this plan creates.
      organizationId: config.organization.id ?? this.organization.id,
    });

    new TerraformOutput(this, "organization_id", { value: this.organization.id });
    new TerraformOutput(this, "root_id", { value: rootId });
    new TerraformOutput(this, "account_ids", { value: Object.fromEntries(accountIds) });
    new TerraformOutput(this, "organizational_unit_ids", { value: Object.fromEntries(ouIds) });
  }
}

/**
 * Organizations creates the deployment role only in the accounts it creates; an invited (adopted) account has none,
 * and once the SCPs are attached, ProtectRoles stops anyone but that role creating it (the root user is denied too),
 * so the account could never be reached. For each adopted account outside the suspended OU, the stack therefore reads
 * the caller identity through a provider that assumes the deployment role there, and attaches no policy before that
 * succeeds: a missing role fails the plan, naming the provider `deployment_role_<account>`, while the account can
 * still be fixed (README: Adopting existing accounts). The account id is a literal from config, known at plan time.
 *
 * With a Terraform Cloud backend there is no check, on purpose. Nothing assumes the deployment role in that mode: every
 * stack runs as its workspace's apply role in the account it changes, and the pipeline stack creates those roles in
 * member accounts through service-managed StackSets, which reach every account of the organisation, invited ones
 * included. The check would also break the pipeline's rule that each workspace reaches only its own account: a
 * provider in an adopted account would give the organization workspace credentials there. What keeps an adopted
 * account reachable in this mode is that the SCPs never stop StackSets creating the apply role, before or after they
 * are attached: ProtectRoles exempts the StackSets execution role (protectLandingZonePolicy, pipeline props).
 */
export function deploymentRoleChecks(scope: Construct, config: LandingZoneConfig, naming: Naming): DataAwsCallerIdentity[] {
  if (config.backend.type === "cloud") return [];
  const suspended = config.guardrails.suspendedOu;
  return config.accounts.flatMap((account) => {
    if (account.id === undefined || account.purpose === "management") return [];
    if (suspended !== undefined && isWithinOu(account.ou, suspended)) return [];
    const id = `deployment_role_${account.name.replace(/-/g, "_")}`;
    const provider = createAccountProvider(scope, `${id}_provider`, {
      alias: id,
      accountId: account.id,
      region: config.organization.homeRegion,
      assumeRoleName: config.organization.memberAccountRole,
      sessionName: naming.assumeRoleSessionName(`${STACK_NAMES.organization}-check`),
      defaultTags: defaultTags(config),
    });
    return [new DataAwsCallerIdentity(scope, id, { provider })];
  });
}


function required(ids: ReadonlyMap<string, string>, key: string): string {
  const id = ids.get(key);
  // Config validation guarantees every reference exists; reaching this is a bug in the landing zone, not in config.
  if (id === undefined) throw new Error(`internal error: no OU with path "${key}"`);
  return id;
}
