import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";

export interface AccountProviderProps {
  /**
   * The account this provider may change. It must be known when Terraform plans: a literal from config, or a
   * cross-stack reference to the applied organization stack (read from its state at plan time). With a value that
   * is unknown at plan time the AWS provider ignores assume_role and deploys into the caller's account
   * (hashicorp/terraform-provider-aws#24796); allowed_account_ids turns any such mistake into an error.
   */
  readonly accountId: string;
  readonly region: string;
  /**
   * Role to assume in the account.
   * @default - none: the credentials Terraform runs with are used, as in the management account's stacks
   */
  readonly assumeRoleName?: string;
  /** Session name of the assumed role, recorded by CloudTrail. Required with assumeRoleName. */
  readonly sessionName?: string;
  /** Tags the provider adds to every resource that supports tags. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /**
   * Alias, for a second AWS provider in one stack.
   * @default - the stack's default AWS provider
   */
  readonly alias?: string;
}

/** The one way the landing zone configures the AWS provider, so no stack can forget allowed_account_ids. */
export function createAccountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    region: props.region,
    alias: props.alias,
    allowedAccountIds: [props.accountId],
    assumeRole:
      props.assumeRoleName === undefined
        ? undefined
        : [{ roleArn: `arn:aws:iam::${props.accountId}:role/${props.assumeRoleName}`, sessionName: props.sessionName }],
    defaultTags: [{ tags: { ...props.defaultTags } }],
  });
}
