/**
 * Typed IAM policy documents: identity, resource, trust, SCP and RCP policies are all this shape. Built by pure
 * functions and serialised by `policyJson`, so the synthesized Terraform holds literal JSON that reviewers can read
 * and tests can evaluate.
 */
export type ConditionOperator = string;
export type ConditionBlock = Readonly<Record<ConditionOperator, Readonly<Record<string, string | boolean | number | readonly string[]>>>>;
export type Principal = "*" | Readonly<{ AWS?: string | readonly string[]; Service?: string | readonly string[]; Federated?: string }>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Minified JSON: Organizations counts whitespace against policy size quotas, and IAM stores it as given. */
export function policyJson(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/**
 * The first statement of every landing zone key policy: the key's own account administers the key through its IAM
 * policies, so the key can never become unmanageable (AWS KMS's default key policy does the same).
 */
export function keyAccountAdministers(accountId: string, sid = "EnableIamPoliciesOfTheKeyAccount"): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" };
}
