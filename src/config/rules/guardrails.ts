import type { ConfigIssue } from "../errors";
import { flattenOrganizationalUnits } from "../../organization/ou-tree";
import type { ConfigRule } from "./rule";

/**
 * The landing zone deploys every account's baseline in organization.homeRegion, and its deployment role is never
 * exempt from the region deny. An OU whose Regions leave out the home Region would block the landing zone itself.
 */
export const ouRegionsIncludeHome: ConfigRule = (config) =>
  flattenOrganizationalUnits(config.organizationalUnits).flatMap((flat): ConfigIssue[] => {
    const regions = flat.ou.allowedRegions;
    const home = config.organization.homeRegion;
    if (regions === undefined || regions.includes(home)) return [];
    return [{
      path: [...flat.configPath, "allowedRegions"],
      message:
        `allowedRegions of OU "${flat.path}" (${regions.join(", ")}) must include organization.homeRegion ${home}: ` +
        "the landing zone deploys every account's baseline there and its deployment role is never exempt from the region deny",
    }];
  });

export const suspendedOuExists: ConfigRule = (config) => {
  const suspended = config.guardrails.suspendedOu;
  if (suspended === undefined) return [];
  const flat = flattenOrganizationalUnits(config.organizationalUnits);
  if (flat.some((ou) => ou.path === suspended)) return [];
  return [{
    path: ["guardrails", "suspendedOu"],
    message: `no OU has the path "${suspended}"; known OU paths: ${flat.map((ou) => ou.path).join(", ") || "(none)"}`,
  }];
};

/** The deny-all SCP would lock the landing zone out of the accounts it cannot work without. */
export const essentialAccountsNotSuspended: ConfigRule = (config) => {
  const suspended = config.guardrails.suspendedOu;
  if (suspended === undefined) return [];
  return config.accounts.flatMap((account, i): ConfigIssue[] =>
    (account.ou === suspended || account.ou?.startsWith(`${suspended}/`) === true) && (account.purpose === "log-archive" || account.purpose === "audit")
      ? [{
          path: ["accounts", i, "ou"],
          message: `the ${account.purpose} account cannot sit in the suspended OU "${suspended}": its deny-all policy would stop logging and security tooling`,
        }]
      : [],
  );
};

/** Rules for the guardrails section and the OU Region overrides. */
export const GUARDRAILS_RULES: readonly ConfigRule[] = [ouRegionsIncludeHome, suspendedOuExists, essentialAccountsNotSuspended];
