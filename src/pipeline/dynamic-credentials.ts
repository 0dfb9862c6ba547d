import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, TerraformVariable, Token, type TerraformStack } from "cdktf";

/**
 * HCP Terraform dynamic provider credentials for the AWS providers of a landing zone stack.
 *
 * HashiCorp: "https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration".
 * HCP Terraform exchanges the run's workload identity token for credentials of the role named in the workspace's
 * TFC_AWS_PLAN_ROLE_ARN / TFC_AWS_APPLY_ROLE_ARN, a role in the account the provider changes. The same page asks not
 * to set the provider's other authentication arguments ("these settings may interfere with dynamic provider
 * credentials"), so in this mode the providers drop `assume_role`: the credentials already belong to the target
 * account, and chaining into `memberAccountRole` (an administrator role) would give every plan phase the power to
 * change AWS. `allowed_account_ids` stays: a role ARN pointing at the wrong account fails the run before it changes
 * anything.
 *
 * A stack whose providers reach two accounts (the identity stack with a delegated administrator: the delegated
 * account by default, the management account through the `management` and `management_global` aliases) uses one
 * tagged configuration per extra account: the TFC_AWS_*_<TAG> variables and the `tfc_aws_dynamic_credentials`
 * input variable, whose `aliases[<TAG>].shared_config_file` the aliased providers read
 * ("https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/specifying-multiple-configurations").
 */

/** One set of credentials a workspace needs: the default one, or a tagged one for aliased providers in another account. */
export interface CredentialTarget {
  /** The account the credentials belong to: a literal id, or a reference to the organization stack's state. */
  readonly accountId: string;
  /**
   * The tag of the TFC_AWS_*_<tag> variables and of `tfc_aws_dynamic_credentials.aliases`; letters, digits and
   * underscores (HashiCorp's rule).
   * @default - the default credentials (untagged variables)
   */
  readonly tag?: string;
}

/** The name of the input variable HCP Terraform fills with the credential files of each configuration. */
export const DYNAMIC_CREDENTIALS_VARIABLE = "tfc_aws_dynamic_credentials";

/** The AWS providers of a stack, in construct order. */
export function awsProviders(stack: TerraformStack): AwsProvider[] {
  return stack.node.findAll().filter((c): c is AwsProvider => c instanceof AwsProvider);
}

/**
 * The credentials a stack's providers need, one per account: the default provider's account first (untagged), then
 * every other account, tagged after the first alias that reaches it. Read from the providers themselves, so a stack
 * that gains a provider in another account gains a role and its variables without a list to update.
 */
export function credentialTargets(stack: TerraformStack): CredentialTarget[] {
  const providers = awsProviders(stack);
  const defaultProvider = providers.find((p) => p.alias === undefined);
  if (defaultProvider === undefined) throw new Error(`internal error: stack ${stack.node.id} has no default AWS provider`);
  const accountOf = (provider: AwsProvider): string => {
    const ids = provider.allowedAccountIds;
    if (ids?.length !== 1 || ids[0] === undefined) throw new Error(`internal error: provider ${provider.node.path} must pin exactly one account`);
    return ids[0];
  };
  const defaultAccount = accountOf(defaultProvider);
  const targets: CredentialTarget[] = [{ accountId: defaultAccount }];
  for (const provider of providers) {
    const accountId = accountOf(provider);
    if (targets.some((t) => t.accountId === accountId)) continue;
    targets.push({ accountId, tag: credentialTag(provider.alias ?? "") });
  }
  return targets;
}

/** A provider alias as a credentials tag: `management_global` becomes `MANAGEMENT_GLOBAL`. */
export function credentialTag(alias: string): string {
  const tag = alias.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  if (tag === "" || tag === "TYPE") throw new Error(`internal error: "${alias}" cannot be a dynamic credentials tag`);
  return tag;
}

/**
 * Switches a stack's AWS providers to HCP Terraform dynamic credentials: no assume_role, allowed_account_ids kept,
 * and, where the stack reaches more than one account, each provider reads the credential file of its account's
 * configuration.
 */
export function useDynamicCredentials(stack: TerraformStack): void {
  const targets = credentialTargets(stack);
  const providers = awsProviders(stack);
  for (const provider of providers) provider.resetAssumeRole();
  if (targets.length === 1) return;

  const credentials = new TerraformVariable(stack, DYNAMIC_CREDENTIALS_VARIABLE, {
    description: "Set by HCP Terraform: the credential file of each dynamic credentials configuration",
    type: "object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })",
  });
  for (const provider of providers) {
    const target = targets.find((t) => t.accountId === provider.allowedAccountIds?.[0]);
    const path = target?.tag === undefined ? ["default", "shared_config_file"] : ["aliases", target.tag, "shared_config_file"];
    provider.sharedConfigFiles = [Token.asString(Fn.lookupNested(credentials.value, path))];
  }
}
