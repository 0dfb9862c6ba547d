/**
 * A string Terraform must pass through unchanged. Terraform reads `${…}` and `%{…}` in every string of the JSON
 * configuration as interpolations and directives, so IAM policy variables such as `${aws:PrincipalTag/team}` and
 * Identity Center attribute paths such as `${path:enterprise.costCenter}` are written `$${…}` and `%%{…}`, which
 * Terraform turns back into the literal text. Never use it on a string that holds a cdktf token.
 */
export function terraformLiteral(text: string): string {
  // Replacement functions, because "$$" in a replacement string means one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * A string Terraform must pass through unchanged except for the given cdktf tokens (such as a resource's id), which
 * stay references: each part between them is escaped as `terraformLiteral` does.
 */
export function terraformLiteralWithReferences(text: string, references: readonly string[]): string {
  const [reference, ...rest] = references;
  if (reference === undefined) return terraformLiteral(text);
  return text.split(reference).map((part) => terraformLiteralWithReferences(part, rest)).join(reference);
}
