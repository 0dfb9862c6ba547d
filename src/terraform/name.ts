/**
 * The part of a Terraform address (a construct id) that a name from config becomes: every character but ASCII
 * letters, digits, `_` and `-` turns into `_`, so `Workloads/Prod` becomes `Workloads_Prod` and `Ops.Admin`
 * becomes `Ops_Admin`. The one way the landing zone makes such names: two config names that map to the same one would
 * collide, and the config rule `uniqueTerraformNames` (src/config/rules/addresses.ts) refuses them before synth.
 */
export function terraformName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}
