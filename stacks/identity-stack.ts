import { DataAwsSsoadminInstances } from "@cdktf/provider-aws/lib/data-aws-ssoadmin-instances";
import { IdentitystoreGroup } from "@cdktf/provider-aws/lib/identitystore-group";
import { IdentitystoreGroupMembership } from "@cdktf/provider-aws/lib/identitystore-group-membership";
import { IdentitystoreUser } from "@cdktf/provider-aws/lib/identitystore-user";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsoadminInstanceAccessControlAttributes } from "@cdktf/provider-aws/lib/ssoadmin-instance-access-control-attributes";
import { Fn, TerraformOutput, Token, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { IdentityConfig } from "../src/config/sections/identity";
import { PermissionSet } from "../src/constructs/permission-set";
import { addIdentityDetectiveControls } from "../src/constructs/identity-detective-controls";
import { permissionSetsToCreate } from "../src/identity/permission-sets";
import { STACK_NAMES } from "../src/naming";
import { IDENTITY_CENTER_SERVICE_PRINCIPAL } from "../src/organization/trusted-access";
import type { AccountDirectory, DirectoryAccount } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import type { IdentityCenterReferences } from "./identity-assignments-stack";
import { requiredId } from "../src/stacks/required-id";
import { terraformLiteral } from "../src/terraform/literal";
import { terraformName } from "../src/terraform/name";

export interface IdentityStackProps {
  readonly config: LandingZoneConfig;
  /** OrganizationStack.accounts: assignment targets and the delegated administrator. */
  readonly accounts: AccountDirectory;
}

/** The Identity Center instance the stack's resources belong to. */
interface IdentityCenterInstance {
  readonly instanceArn: string;
  readonly identityStoreId: string;
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
  /** Every Identity Center resource waits for these: the delegation, when there is one. */
  private readonly afterDelegation: ITerraformDependable[] | undefined;

  constructor(scope: Construct, props: IdentityStackProps) {
    const { config, accounts } = props;
    const delegatedName = config.identity.delegatedAdministrator;
    // The Identity Center instance lives in the management account and in its home Region, which the landing zone
    // takes to be organization.homeRegion (README: identity); with a delegated administrator the stack runs there.
    const delegated = delegatedName === undefined ? undefined : accounts.account(delegatedName);
    super(scope, STACK_NAMES.identity, { config, target: delegated ?? accounts.management });
    const { identity } = config;

    // Identity Center.
    const management = delegated === undefined ? undefined : this.delegateIdentityCenter(accounts.management, delegated);
    this.afterDelegation = management === undefined ? undefined : [management.delegation];
    const instance = this.identityCenterInstance(identity);
    const groupIds = this.createGroups(instance, identity);
    this.createUsers(instance, identity, groupIds);
    const permissionSetArns = this.createPermissionSets(instance, identity);
    // Account assignments live in the shard stacks (stacks/identity-assignments-stack.ts), which read these.
    this.references = { instanceArn: instance.instanceArn, groupIds, permissionSetArns };
    this.setAccessControlAttributes(instance, identity);

    // Detective controls, in the management account where Identity Center records these events.
    addIdentityDetectiveControls(this, {
      naming: this.naming,
      managementAccountId: config.organization.managementAccountId,
      homeRegion: config.organization.homeRegion,
      provider: management?.provider,
    });

    new TerraformOutput(this, "identity_store_id", { value: instance.identityStoreId });
    new TerraformOutput(this, "group_ids", { value: Object.fromEntries(groupIds) });
    new TerraformOutput(this, "permission_set_arns", { value: Object.fromEntries(permissionSetArns) });
  }

  /** The management account's provider, and the delegation of Identity Center administration to `delegated` through it. */
  private delegateIdentityCenter(managementAccount: DirectoryAccount, delegated: DirectoryAccount): { provider: AwsProvider; delegation: OrganizationsDelegatedAdministrator } {
    const provider = this.accountProvider("management", managementAccount, "management");
    const delegation = new OrganizationsDelegatedAdministrator(this, "identity_center_delegated_administrator", {
      provider,
      accountId: delegated.id,
      servicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL,
    });
    return { provider, delegation };
  }

  /** The instance from config when given, else the one Identity Center instance of the account, read at plan time. */
  private identityCenterInstance(identity: IdentityConfig): IdentityCenterInstance {
    if (identity.instanceArn !== undefined && identity.identityStoreId !== undefined)
      return { instanceArn: identity.instanceArn, identityStoreId: identity.identityStoreId };
    // Both are sets in the provider's schema: convert to a list before taking the one element.
    const instances = new DataAwsSsoadminInstances(this, "identity_center", { dependsOn: this.afterDelegation });
    return {
      instanceArn: Token.asString(Fn.element(Fn.tolist(instances.arns), 0)),
      identityStoreId: Token.asString(Fn.element(Fn.tolist(instances.identityStoreIds), 0)),
    };
  }

  /** The identity store groups; returns their ids by name. */
  private createGroups({ identityStoreId }: IdentityCenterInstance, identity: IdentityConfig): Map<string, string> {
    const groupIds = new Map<string, string>();
    for (const group of identity.groups) {
      const resource = new IdentitystoreGroup(this, `group_${terraformName(group.name)}`, {
        identityStoreId,
        displayName: group.name,
        description: group.description === undefined ? undefined : terraformLiteral(group.description),
        dependsOn: this.afterDelegation,
      });
      groupIds.set(group.name, resource.groupId);
    }
    return groupIds;
  }

  /** The identity store users (when Identity Center is the identity source) and their group memberships. */
  private createUsers({ identityStoreId }: IdentityCenterInstance, identity: IdentityConfig, groupIds: ReadonlyMap<string, string>): void {
    for (const user of identity.users) {
      const resource = new IdentitystoreUser(this, `user_${terraformName(user.userName)}`, {
        identityStoreId,
        userName: user.userName,
        // Free text: a "${" or "%{" in it must reach the identity store as written, not as a Terraform template.
        displayName: terraformLiteral(user.displayName),
        name: { givenName: terraformLiteral(user.givenName), familyName: terraformLiteral(user.familyName) },
        emails: { value: user.email, primary: true, type: "work" },
        dependsOn: this.afterDelegation,
      });
      for (const group of user.groups) {
        new IdentitystoreGroupMembership(this, `membership_${terraformName(user.userName)}_${terraformName(group)}`, {
          identityStoreId,
          groupId: requiredId(groupIds, group, "group"),
          memberId: resource.userId,
        });
      }
    }
  }

  /** Every custom permission set and every built-in one an assignment uses; returns their ARNs by name. */
  private createPermissionSets({ instanceArn }: IdentityCenterInstance, identity: IdentityConfig): Map<string, string> {
    const permissionSetArns = new Map<string, string>();
    for (const spec of permissionSetsToCreate(identity)) {
      const set = new PermissionSet(this, `permission_set_${terraformName(spec.name)}`, {
        instanceArn,
        spec,
        tags: { PermissionLevel: spec.privileged ? "privileged" : "standard" },
        dependsOn: this.afterDelegation,
      });
      permissionSetArns.set(spec.name, set.permissionSet.arn);
    }
    return permissionSetArns;
  }

  /** The ABAC attributes, when config has any. */
  private setAccessControlAttributes({ instanceArn }: IdentityCenterInstance, identity: IdentityConfig): void {
    if (identity.accessControlAttributes.length === 0) return;
    new SsoadminInstanceAccessControlAttributes(this, "access_control_attributes", {
      instanceArn,
      // A source such as ${path:enterprise.costCenter} is Identity Center syntax, not a Terraform interpolation.
      attribute: identity.accessControlAttributes.map((a) => ({ key: a.key, value: [{ source: a.source.map(terraformLiteral) }] })),
      dependsOn: this.afterDelegation,
    });
  }
}
