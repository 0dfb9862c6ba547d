import type { LandingZoneConfig } from "./config/schema";
import type { AccountConfig } from "./config/sections/accounts";

/** Value of the ManagedBy tag: lets people and guardrails tell landing zone resources from the rest. */
export const MANAGED_BY = "landing-zone";

/** Tags every provider applies as default_tags. Config tags come first so they cannot override the fixed ones. */
export function defaultTags(config: LandingZoneConfig, account?: AccountConfig): Record<string, string> {
  return {
    ...config.organization.tags,
    ...account?.tags,
    ManagedBy: MANAGED_BY,
    LandingZone: config.organization.prefix,
    Owner: config.organization.owner,
    ...(account === undefined ? {} : { Account: account.name }),
  };
}
