import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isPipelineStackName } from "../naming";

/**
 * What the CI workflow uploads to Terraform Cloud, and where (.github/workflows/landing-zone.yml).
 *
 * Workspace names, organisation and host come from each synthesized stack's own `cloud` block (`terraform.cloud` in
 * `cdktf.out/stacks/<stack>/cdk.tf.json`), so CI targets exactly the workspace that stack's state lives in, whatever
 * `backend.workspacePrefix` and `backend.hostname` say; a repository variable could disagree with the config and plan
 * the wrong workspace.
 */

/**
 * One stack to upload: its directory under `<outdir>/stacks`, and the HCP Terraform host, organisation and workspace
 * its cloud block names. The host and organisation go to the tfc-workflows-github actions as inputs: their tfci
 * client falls back to the environment variable `TF_HOSTNAME` (not `TF_CLOUD_HOSTNAME`, which only Terraform reads)
 * and then to app.terraform.io (hashicorp/tfc-workflows-tooling, internal/cloud/tfe_client.go), so a host from
 * anywhere but the cloud block could upload to another installation than the one holding the state.
 */
export interface CiTarget {
  readonly stack: string;
  readonly hostname: string;
  readonly organization: string;
  readonly workspace: string;
  /**
   * Whether CI creates a run after uploading. False on a push when the stack reads the state of another target of the
   * same push: planned now, it would read the upstream state before the upstream run applies (an errored run or a
   * plan against stale outputs). Its upload becomes the workspace's latest configuration version, and the run trigger
   * from the upstream workspace queues its run after the upstream applies, with that configuration.
   */
  readonly createRun: boolean;
}

/** Terraform's default host of a cloud block without `hostname`. */
export const DEFAULT_CLOUD_HOSTNAME = "app.terraform.io";

/** What a synthesized stack's `cloud` block says about where its state lives. */
export interface CloudBlock {
  readonly hostname: string;
  readonly organization: string;
  readonly workspace: string;
}

/** The GitHub event that started the workflow, as far as the targets depend on it. */
export type CiEvent = "pull_request" | "push";

/**
 * Stacks never planned from pull requests. Workspace variables are present in every plan, speculative ones included
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/variables), and a plan runs the configuration's
 * data sources and providers, so a pull request could read whatever a workspace's plan holds. The workspaces of
 * `pipeline` and its shards (`pipeline-<i>-of-<n>`) hold the HCP Terraform team token (`TFE_TOKEN`) that manages every
 * workspace: they are planned from `main` only.
 */
export function neverPlannedFromPullRequests(stack: string): boolean {
  return isPipelineStackName(stack);
}

/**
 * The host, organisation and workspace a synthesized stack's `cloud` block names; `undefined` if the stack has no
 * cloud block (a local or S3 backend: nothing to upload); an error if its cloud block lacks the organisation or the
 * workspace name.
 */
export function cloudBlockOfSynthesizedStack(outdir: string, stack: string): CloudBlock | undefined {
  const file = join(outdir, "stacks", stack, "cdk.tf.json");
  const json = readSynthesizedStack(outdir, stack) as { terraform?: { cloud?: { hostname?: unknown; organization?: unknown; workspaces?: { name?: unknown } } } };
  const cloud = json.terraform?.cloud;
  if (cloud === undefined) return undefined;
  const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.length > 0;
  const { hostname = DEFAULT_CLOUD_HOSTNAME, organization } = cloud;
  const name = cloud.workspaces?.name;
  if (!nonEmpty(name) || !nonEmpty(organization) || !nonEmpty(hostname)) {
    throw new Error(`${file}: a cloud block needs organization and workspaces.name (and a non-empty hostname if any)`);
  }
  return { hostname, organization, workspace: name };
}

function readSynthesizedStack(outdir: string, stack: string): unknown {
  return JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

/**
 * The workspaces whose state a synthesized stack reads: its `terraform_remote_state` data sources, which cdktf writes
 * for every cross-stack reference and which the pipeline's run triggers follow.
 */
export function workspacesReadBySynthesizedStack(outdir: string, stack: string): string[] {
  const json = readSynthesizedStack(outdir, stack) as { data?: { terraform_remote_state?: Record<string, { config?: { workspaces?: { name?: unknown } } }> } };
  return Object.values(json.data?.terraform_remote_state ?? {})
    .map((source) => source.config?.workspaces?.name)
    .filter((name): name is string => typeof name === "string");
}

/** Every stack synthesized into `<outdir>/stacks`, sorted. */
export function synthesizedStacks(outdir: string): string[] {
  const dir = join(outdir, "stacks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/**
 * The stacks CI uploads for an event: the changed ones that exist in the synthesized output, minus the stacks that
 * are never planned from pull requests when the event is a pull request, each with its workspace. Stacks without a
 * cloud block (the config's backend is local or S3, as in the example landing-zone.yaml) have no workspace and are
 * never targets, so such a repository's CI plans nothing instead of failing. On a push, a target that reads the state
 * of another target gets no run of its own (`createRun`): the run trigger starts it once the upstream applies.
 */
export function ciTargets(outdir: string, event: CiEvent, changed: readonly string[]): CiTarget[] {
  const present = new Set(synthesizedStacks(outdir));
  const targets = [...new Set(changed)]
    .filter((stack) => present.has(stack))
    .filter((stack) => event !== "pull_request" || !neverPlannedFromPullRequests(stack))
    .sort()
    .flatMap((stack) => {
      const cloud = cloudBlockOfSynthesizedStack(outdir, stack);
      return cloud === undefined ? [] : [{ stack, ...cloud }];
    });
  const workspaces = new Set(targets.map((target) => target.workspace));
  return targets.map((target) => ({
    ...target,
    // Pull requests plan speculatively against the applied upstream state, and speculative runs trigger nothing.
    createRun: event === "pull_request" || !workspacesReadBySynthesizedStack(outdir, target.stack).some((read) => workspaces.has(read)),
  }));
}
