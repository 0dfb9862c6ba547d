import type { ConfigIssue } from "./errors";
import type { LandingZoneConfig } from "./schema";
import { ACCOUNT_BASELINE_RULES } from "./rules/account-baseline";
import { uniqueTerraformNames } from "./rules/addresses";
import { BACKEND_RULES } from "./rules/backend";
import { FOUNDATION_RULES } from "./rules/foundation";
import { GUARDRAILS_RULES } from "./rules/guardrails";
import { IDENTITY_RULES } from "./rules/identity";
import { LOGGING_RULES } from "./rules/logging";
import { NETWORK_RULES } from "./rules/network";
import { SECURITY_SERVICES_RULES } from "./rules/security-services";
import type { ConfigRule } from "./rules/rule";

/** Every cross-field rule; each config section keeps its rules in its own file under rules/. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  ...FOUNDATION_RULES,
  ...GUARDRAILS_RULES,
  ...NETWORK_RULES,
  ...LOGGING_RULES,
  ...IDENTITY_RULES,
  ...BACKEND_RULES,
  ...ACCOUNT_BASELINE_RULES,
  ...SECURITY_SERVICES_RULES,
  uniqueTerraformNames,
];

/**
 * Runs every rule. On a config whose schema failed somewhere, `config` holds only the sections that passed and throws
 * SectionUnavailable for the others (load.ts): a rule that reads one is skipped, every other rule still reports.
 */
export function validateConfig(config: LandingZoneConfig, rules: readonly ConfigRule[] = CONFIG_RULES): ConfigIssue[] {
  return rules.flatMap((rule) => {
    try {
      return rule(config);
    } catch (error) {
      if (error instanceof Error && error.name === SECTION_UNAVAILABLE) return [];
      throw error;
    }
  });
}

/** The name of load.ts's SectionUnavailable (not imported: load.ts imports this file). */
export const SECTION_UNAVAILABLE = "SectionUnavailable";
