import { GuarddutyOrganizationAdminAccount } from "@cdktf/provider-aws/lib/guardduty-organization-admin-account";
import { Inspector2DelegatedAdminAccount } from "@cdktf/provider-aws/lib/inspector2-delegated-admin-account";
import { Macie2OrganizationAdminAccount } from "@cdktf/provider-aws/lib/macie2-organization-admin-account";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { SecurityhubOrganizationAdminAccount } from "@cdktf/provider-aws/lib/securityhub-organization-admin-account";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/** IAM Access Analyzer has no delegation call of its own: Organizations registers its delegated administrator. */
export const ACCESS_ANALYZER_SERVICE_PRINCIPAL = "access-analyzer.amazonaws.com";

export interface SecurityServiceDelegationsProps {
  /** The audit account: the delegated administrator of every security service (never the management account). */
  readonly auditAccountId: string;
  /** Register Macie's delegated administrator (securityServices.macie.enabled). */
  readonly macie: boolean;
  /**
   * The organization resource: trusted access and the organisation must exist before a service can be delegated.
   */
  readonly organization: ITerraformDependable;
}

/**
 * The management account's half of the security services: the audit account becomes each service's delegated
 * administrator, in the home Region (the stack's provider). Each service is registered once, through the mechanism
 * AWS documents for it, never also through aws_organizations_delegated_administrator, which the service's own call
 * already makes (two resources would fight over one registration):
 * - GuardDuty, Security Hub CSPM, Macie and Inspector through their own APIs (EnableOrganizationAdminAccount /
 *   EnableDelegatedAdminAccount), which register the account with Organizations and enable trusted access
 *   themselves. Security Hub and Macie also enable themselves in the designated account ("Integrating Security Hub
 *   CSPM with AWS Organizations", https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html;
 *   Macie UG, "Integrating and configuring an organization in Macie",
 *   https://docs.aws.amazon.com/macie/latest/user/accounts-mgmt-ao-integrate.html), and so does GuardDuty, which
 *   gives the designated account its detector (GuardDuty UG, "Permissions required to designate a delegated
 *   GuardDuty administrator account", https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html):
 *   the security stack adopts that detector rather than creating one.
 * - IAM Access Analyzer through Organizations' RegisterDelegatedAdministrator (IAM UG, "Delegated administrator for
 *   IAM Access Analyzer").
 *
 * The registrations of services that are always on have prevent_destroy: removing the Security Hub CSPM delegated
 * administrator stops central configuration and deletes its policies and associations (Security Hub CSPM UG,
 * "Removing or changing the delegated administrator"), and removing the others stops organisation-wide detection.
 */
export class SecurityServiceDelegations extends Construct {
  constructor(scope: Construct, id: string, props: SecurityServiceDelegationsProps) {
    super(scope, id);
    const account = props.auditAccountId;
    const dependsOn = [props.organization];
    const lifecycle = { preventDestroy: true };
    new GuarddutyOrganizationAdminAccount(this, "guardduty", { adminAccountId: account, dependsOn, lifecycle });
    new SecurityhubOrganizationAdminAccount(this, "securityhub", { adminAccountId: account, dependsOn, lifecycle });
    new Inspector2DelegatedAdminAccount(this, "inspector", { accountId: account, dependsOn, lifecycle });
    new OrganizationsDelegatedAdministrator(this, "access_analyzer", {
      accountId: account,
      servicePrincipal: ACCESS_ANALYZER_SERVICE_PRINCIPAL,
      dependsOn,
      lifecycle,
    });
    // Switchable in config, so no prevent_destroy: turning Macie off removes the delegation (README: costs).
    if (props.macie) new Macie2OrganizationAdminAccount(this, "macie", { adminAccountId: account, dependsOn });
  }
}
