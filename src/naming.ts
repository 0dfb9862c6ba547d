/**
 * Every name the landing zone gives: stacks, Terraform Cloud workspaces, state files and AWS physical names.
 * One place, so a guardrail that protects "the landing zone's roles" and the stack that creates them agree.
 */

/** Stacks that exist once per organisation. Their names are Terraform state addresses: never rename one silently. */
export const STACK_NAMES = {
  organization: "organization",
} as const;

/** The stack of one member account. */
export function accountStackName(accountName: string): string {
  return `account-${accountName}`;
}

export class Naming {
  constructor(
    /** The organisation's prefix from config, such as `kestrel`. */
    readonly prefix: string,
  ) {}

  /** The AWS account name shown in the console and on invoices, unless config gives one. */
  awsAccountName(accountName: string): string {
    return `${this.prefix}-${accountName}`;
  }

  /**
   * The session name when Terraform assumes a role in a member account: CloudTrail records it, so the trail says
   * which stack made a change. IAM allows 2-64 characters.
   */
  assumeRoleSessionName(stackName: string): string {
    return `${this.prefix}-${stackName}`.slice(0, 64);
  }
}

/**
 * Local state lives in the project root as terraform.<stack>.tfstate (cdktf's own convention), never inside
 * cdktf.out, which every synth replaces. Terraform runs in cdktf.out/stacks/<stack>, three levels below the root;
 * the path is relative so the synthesized JSON is the same on every machine.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}
