/**
 * Types of the Organizations policy documents the landing zone writes. Authorization policies (SCPs and RCPs) use
 * the IAM policy grammar; management policies (tag, backup, AI opt-out) use the Organizations policy syntax with
 * inheritance operators such as `@@assign`.
 */

/** An IAM condition block: operator → condition key → value(s). */
export type Condition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** One statement of a service control policy: never a Principal (SCPs apply to the principals of an account). */
export interface ScpStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Condition;
}

export interface ServiceControlPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly ScpStatement[];
}

/** One statement of a resource control policy: Deny only, Principal "*", Action required, no NotAction. */
export interface RcpStatement {
  readonly Sid: string;
  readonly Effect: "Deny";
  readonly Principal: "*";
  readonly Action: readonly string[];
  readonly Resource: "*";
  readonly Condition?: Condition;
}

export interface ResourceControlPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly RcpStatement[];
}

/** The Organizations policy types the landing zone writes, as the Organizations API names them. */
export type OrganizationPolicyType =
  | "SERVICE_CONTROL_POLICY"
  | "RESOURCE_CONTROL_POLICY"
  | "TAG_POLICY"
  | "BACKUP_POLICY"
  | "AISERVICES_OPT_OUT_POLICY";

/** A management policy value with the `@@assign` inheritance operator. */
export interface Assign<T> {
  readonly "@@assign": T;
}

export function assign<T>(value: T): Assign<T> {
  return { "@@assign": value };
}

/** A statement condition that exempts principals, or nothing when there are none to exempt. */
export function exemptPrincipals(arnPatterns: readonly string[]): Condition {
  return arnPatterns.length === 0 ? {} : { ArnNotLike: { "aws:PrincipalARN": arnPatterns } };
}

/** Where an Organizations policy is attached: the root, an OU by path, or an account by name. */
export type PolicyTarget =
  | { readonly kind: "root" }
  | { readonly kind: "ou"; readonly path: string }
  | { readonly kind: "account"; readonly name: string };
