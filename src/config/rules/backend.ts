import type { ConfigRule } from "./rule";
import { landingZoneStackNames } from "../../naming";

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

/** Rules for the backend section. */
export const BACKEND_RULES: readonly ConfigRule[] = [workspaceSettingsNameStacks];
