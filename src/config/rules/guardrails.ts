import { flattenOrganizationalUnits } from "../../organization/ou-tree";
import { guardrailPolicies, LONGEST_ORGANIZATION_ID, targetLabel } from "../../policies/guardrail-policies";
import type { PolicyTarget } from "../../policies/organization-policy-document";
import { quotaViolations } from "../../policies/quotas";
import { formatPath, type ConfigIssue, type ConfigPath } from "../errors";
import type { LandingZoneConfig } from "../schema";
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

/**
 * Every Organizations policy fits AWS's quotas (size per policy, policies per root, OU and account), measured on the
 * documents the organization stack will create, planned from config alone (guardrailPolicies), so that an oversized
 * config fails here, before any stack is built, however many accounts it has. An organization id not yet known is
 * measured at its longest. A size error points at the config entry that makes the policy long (the longest of what it
 * grows with); a count error at the OU or account that would carry too many policies.
 */
export const organizationPoliciesFit: ConfigRule = (config) => {
  const policies = guardrailPolicies(config, config.organization.id ?? LONGEST_ORGANIZATION_ID);
  const violations = quotaViolations(
    policies.map((p) => ({ name: p.name, type: p.type, content: JSON.stringify(p.document), targets: p.targets.map(targetLabel) })),
  );
  const targets = targetConfigPaths(config, policies.flatMap((p) => p.targets));
  return violations.map((violation): ConfigIssue => {
    if (violation.kind === "count") return { path: targets.get(violation.target) ?? ["guardrails"], message: violation.message };
    const grows = policies.find((p) => p.name === violation.policy)?.growsWith ?? [];
    const longest = [...grows].sort((a, b) => valueLength(config, b) - valueLength(config, a))[0];
    return {
      path: longest ?? ["guardrails"],
      message: `${violation.message} (Organizations quota), so the apply would fail${grows.length === 0 ? "" : `; it grows with ${grows.map(formatPath).join(", ")}`}`,
    };
  });
};

/** Where each policy target is in the config: the root at guardrails, an OU at its entry, an account at its entry. */
function targetConfigPaths(config: LandingZoneConfig, targets: readonly PolicyTarget[]): Map<string, ConfigPath> {
  const ous = flattenOrganizationalUnits(config.organizationalUnits);
  return new Map(
    targets.map((target): [string, ConfigPath] => {
      if (target.kind === "root") return [targetLabel(target), ["guardrails"]];
      if (target.kind === "ou") return [targetLabel(target), ous.find((ou) => ou.path === target.path)?.configPath ?? ["organizationalUnits"]];
      const index = config.accounts.findIndex((account) => account.name === target.name);
      return [targetLabel(target), index < 0 ? ["accounts"] : ["accounts", index]];
    }),
  );
}

/** How long the config value at a path is when written out: what it adds to a policy, roughly. */
function valueLength(config: LandingZoneConfig, path: ConfigPath): number {
  let value: unknown = config;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return JSON.stringify(value ?? null).length;
}

/** Rules for the guardrails section and the OU Region overrides. */
export const GUARDRAILS_RULES: readonly ConfigRule[] = [ouRegionsIncludeHome, suspendedOuExists, essentialAccountsNotSuspended, organizationPoliciesFit];
