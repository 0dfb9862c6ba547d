import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Terraform's working files in a stack directory: downloaded providers and modules, and the provider lock file.
 * They belong to the user's `terraform init`, not to the synth, so a new synth keeps them.
 */
const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"] as const;

/**
 * Runs `synthesize` into a staging directory beside `outdir` and swaps it in only when it succeeded, so a failed
 * synth (bad config, a quota error) leaves the previous output as it was.
 */
export function synthesizeAtomically(outdir: string, synthesize: (stagingDir: string) => void): void {
  const target = resolve(outdir);
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.staging-`));
  try {
    synthesize(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  carryOverTerraformWorkingFiles(target, staging);
  const previous = `${staging}.previous`;
  renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}

function carryOverTerraformWorkingFiles(from: string, to: string): void {
  const stacksDir = join(from, "stacks");
  if (!existsSync(stacksDir)) return;
  for (const stack of readdirSync(stacksDir)) {
    const newStackDir = join(to, "stacks", stack);
    if (!existsSync(newStackDir)) continue; // the stack is gone: its working files go with it
    for (const file of TERRAFORM_WORKING_FILES) {
      const source = join(stacksDir, stack, file);
      if (existsSync(source)) renameSync(source, join(newStackDir, file));
    }
  }
}
