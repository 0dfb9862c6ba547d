/**
 * The oldest Terraform the synthesized stacks work with: 1.10 for the S3 backend's native state locking
 * (`use_lockfile`); import blocks need 1.5 and removed blocks 1.7. Every stack states it as `required_version`, so
 * an older Terraform refuses to plan instead of failing halfway, and a pinned Terraform Cloud version is checked
 * against it in config.
 */
export const MINIMUM_TERRAFORM_VERSION = "1.10.0";

/** Whether an exact version such as 1.12.2 is at least MINIMUM_TERRAFORM_VERSION. */
export function atLeastMinimumTerraform(version: string): boolean {
  const parts = (v: string) => v.split(".").map(Number);
  const [major = 0, minor = 0, patch = 0] = parts(version);
  const [minMajor = 0, minMinor = 0, minPatch = 0] = parts(MINIMUM_TERRAFORM_VERSION);
  if (major !== minMajor) return major > minMajor;
  if (minor !== minMinor) return minor > minMinor;
  return patch >= minPatch;
}
