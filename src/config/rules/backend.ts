import type { ConfigRule } from "./rule";
import { landingZoneStackNames } from "../../naming";
import { MAX_PIPELINE_SHARDS, MAX_WORKSPACES_PER_PIPELINE_SHARD, pipelineShardFit } from "../../pipeline/pipeline-shards";

/**
 * `backend.workspaces` is keyed by stack name. A key that names no stack (a typo, or an account in the suspended OU,
 * which gets no stack) would silently leave that workspace at the defaults, so it is an error.
 */
export const workspaceSettingsNameStacks: ConfigRule = (config) => {
  const backend = config.backend;
  if (backend.type !== "cloud") return [];
  const stacks = landingZoneStackNames(config);
  return Object.keys(backend.workspaces)
    .filter((name) => !stacks.includes(name))
    .map((name) => ({
      path: ["backend", "workspaces", name],
      message: `"${name}" is not a stack of this landing zone; allowed: ${stacks.join(", ")}`,
    }));
};

/**
 * Every pipeline shard stays within MAX_WORKSPACES_PER_PIPELINE_SHARD workspaces (issue 12: no state but
 * `organization` above 500 resources): a config that outgrows its count is refused with the smallest count that fits.
 */
export const pipelineShardsHoldTheWorkspaces: ConfigRule = (config) => {
  const backend = config.backend;
  if (backend.type !== "cloud") return [];
  const { fullest, enough } = pipelineShardFit(config, backend.pipelineShards);
  if (fullest <= MAX_WORKSPACES_PER_PIPELINE_SHARD) return [];
  const advice =
    enough === undefined
      ? `no count up to ${MAX_PIPELINE_SHARDS} is enough; docs/scale.md says what to do past that`
      : `set pipelineShards to ${enough} or more, moving the workspaces' state as README "Pipeline shards" says`;
  return [{
    path: ["backend", "pipelineShards"],
    message: `the fullest of ${backend.pipelineShards} pipeline shards would hold ${fullest} workspaces, more than ${MAX_WORKSPACES_PER_PIPELINE_SHARD}; ${advice}`,
  }];
};

/** Rules for the backend section. */
export const BACKEND_RULES: readonly ConfigRule[] = [workspaceSettingsNameStacks, pipelineShardsHoldTheWorkspaces];
