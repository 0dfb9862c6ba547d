import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { OrganizationGuardrails } from "../src/constructs/organization-guardrails";
import { AccountSecuritySettings } from "../src/constructs/account-security-settings";
import { flattenOrganizationalUnits, isWithinOu } from "../src/organization/ou-tree";
import { CentralizedRootAccess } from "../src/constructs/centralized-root-access";
import { CONFIG_SERVICE_PRINCIPAL } from "../src/constructs/config-recorder";
import { SecurityServiceDelegations } from "../src/constructs/security-service-delegations";
import type { LandingZoneConfig } from "../src/config/schema";
import { Naming, STACK_NAMES } from "../src/naming";
import { createAccountProvider } from "../src/providers";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { requiredId } from "../src/stacks/required-id";
import { terraformName } from "../src/terraform/name";
import { defaultTags } from "../src/tags";
import { enabledPolicyTypes, trustedServices } from "../src/organization/trusted-access";

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
  /** The audit account as AWS Config's delegated administrator (the organisation aggregator). */
  readonly configDelegatedAdministrator: OrganizationsDelegatedAdministrator;

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
        parentId: flat.parentPath === undefined ? rootId : requiredId(ouIds, flat.parentPath, "OU with path"),
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
        parentId: requiredId(ouIds, account.ou ?? "", "OU with path"),
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

    // The management account's own alternate contacts and password policy: it has no account stack, and each member
    // account sets its own in its stack, so nothing here grows with the number of accounts.
    new AccountSecuritySettings(this, "management_settings", {
      alternateContacts: config.accountBaseline.alternateContacts,
      passwordPolicy: config.accountBaseline.passwordPolicy,
    });

    // The audit account runs the organisation's AWS Config aggregator (its account stack). Registering it needs
    // trusted access for config.amazonaws.com, which the organization resource enables (SERVICE_ACCESS_PRINCIPALS).
    this.configDelegatedAdministrator = new OrganizationsDelegatedAdministrator(this, "config_delegated_administrator", {
      accountId: this.accounts.audit.id,
      servicePrincipal: CONFIG_SERVICE_PRINCIPAL,
      dependsOn: [this.organization],
      // Deregistering would orphan the organisation's Config aggregator, like the security services' delegations.
      lifecycle: { preventDestroy: true },
    });

    // The audit account administers GuardDuty, Security Hub CSPM, Access Analyzer, Macie and Inspector (the security
    // stack); only the management account can delegate them.
    new SecurityServiceDelegations(this, "security_delegations", {
      auditAccountId: this.accounts.audit.id,
      macie: config.securityServices.macie.enabled,
      organization: this.organization,
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
