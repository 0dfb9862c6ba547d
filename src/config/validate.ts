import type { ConfigIssue } from "./errors";
import type { LandingZoneConfig } from "./schema";
import { BACKEND_RULES } from "./rules/backend";
import { FOUNDATION_RULES } from "./rules/foundation";
import { GUARDRAILS_RULES } from "./rules/guardrails";
import { IDENTITY_RULES } from "./rules/identity";
import { LOGGING_RULES } from "./rules/logging";
import { NETWORK_RULES } from "./rules/network";
import type { ConfigRule } from "./rules/rule";

/** Every cross-field rule; each config section keeps its rules in its own file under rules/. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  ...FOUNDATION_RULES,
  ...GUARDRAILS_RULES,
  ...NETWORK_RULES,
  ...LOGGING_RULES,
  ...IDENTITY_RULES,
  ...BACKEND_RULES,
];

export function validateConfig(config: LandingZoneConfig, rules: readonly ConfigRule[] = CONFIG_RULES): ConfigIssue[] {
  return rules.flatMap((rule) => rule(config));
}
