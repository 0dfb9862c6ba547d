/**
 * IAM policy grammar as plain, typed objects: every policy the landing zone writes (IAM, key, bucket, topic) is one
 * of these, built by a pure function and serialised with policyJson, so the synthesized Terraform holds literal
 * JSON that a reviewer can read and a test can evaluate.
 */

export type PolicyPrincipal = "*" | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };

/** Operator (StringEquals, ArnLike, Bool …) → condition key → value(s). */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | readonly string[];
  /** Absent only in a role's trust policy, which may not name resources. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Minified JSON: IAM counts whitespace against policy size quotas. */
export function policyJson(document: PolicyDocument): string {
  return JSON.stringify(document);
}
