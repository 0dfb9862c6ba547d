import type { ConfigIssue } from "../errors";
import { flattenOrganizationalUnits } from "../ou-tree";
import type { AccountPurpose } from "../sections/accounts";
import type { ConfigRule } from "./rule";

/** AWS allows OUs five levels deep under the root. */
export const MAX_OU_DEPTH = 5;

/** Purposes the landing zone cannot work without, and cannot have twice. */
const SINGLETON_PURPOSES: readonly AccountPurpose[] = ["management", "log-archive", "audit"];

/** Reports every item whose key an earlier item already has. */
export function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (item: T, index: number, firstIndex: number) => ConfigIssue): ConfigIssue[] {
  const seen = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else issues.push(report(item, index, first));
  });
  return issues;
}

export const uniqueAccountNames: ConfigRule = (config) =>
  duplicates(config.accounts, (a) => a.name, (a, i, first) => ({
    path: ["accounts", i, "name"],
    message: `account name "${a.name}" is already used by accounts[${first}]; account names must be unique`,
  }));

export const uniqueAccountEmails: ConfigRule = (config) =>
  duplicates(config.accounts, (a) => a.email.toLowerCase(), (a, i, first) => ({
    path: ["accounts", i, "email"],
    message: `email "${a.email}" is already used by accounts[${first}]; every AWS account needs its own root email`,
  }));

export const uniqueAccountIds: ConfigRule = (config) =>
  duplicates(
    config.accounts.filter((a) => a.id !== undefined),
    (a) => a.id ?? "",
    (a) => ({
      path: ["accounts", config.accounts.indexOf(a), "id"],
      message: `account id ${a.id} is given to more than one account`,
    }),
  );

export const singletonPurposes: ConfigRule = (config) =>
  SINGLETON_PURPOSES.flatMap((purpose) => {
    const indexes = config.accounts.flatMap((a, i) => (a.purpose === purpose ? [i] : []));
    if (indexes.length === 1) return [];
    if (indexes.length === 0)
      return [{ path: ["accounts"], message: `exactly one account must have purpose "${purpose}"; found none` }];
    return indexes.slice(1).map((i) => ({
      path: ["accounts", i, "purpose"],
      message: `exactly one account may have purpose "${purpose}"; accounts[${indexes[0]}] already has it`,
    }));
  });

export const managementAccountMatches: ConfigRule = (config) =>
  config.accounts.flatMap((a, i): ConfigIssue[] => {
    if (a.purpose !== "management") return [];
    const issues: ConfigIssue[] = [];
    if (a.id !== undefined && a.id !== config.organization.managementAccountId)
      issues.push({
        path: ["accounts", i, "id"],
        message: `the management account's id ${a.id} differs from organization.managementAccountId ${config.organization.managementAccountId}`,
      });
    if (a.ou !== undefined)
      issues.push({
        path: ["accounts", i, "ou"],
        message: "the management account stays at the organization root (SCPs never apply to it); remove ou",
      });
    return issues;
  });

export const accountOusExist: ConfigRule = (config) => {
  const paths = flattenOrganizationalUnits(config.organizationalUnits).map((ou) => ou.path);
  const known = new Set(paths);
  return config.accounts.flatMap((a, i): ConfigIssue[] => {
    if (a.purpose === "management") return [];
    if (a.ou === undefined)
      return [{
        path: ["accounts", i],
        message: "missing ou: every member account sits in an OU, so OU guardrails reach it; give its path, such as Workloads/Prod",
      }];
    if (known.has(a.ou)) return [];
    return [{
      path: ["accounts", i, "ou"],
      message: `no OU has the path "${a.ou}"; known OU paths: ${paths.join(", ") || "(none)"}`,
    }];
  });
};

export const ouDepth: ConfigRule = (config) =>
  flattenOrganizationalUnits(config.organizationalUnits)
    .filter((ou) => ou.depth === MAX_OU_DEPTH + 1)
    .map((ou) => ({
      path: ou.configPath,
      message: `OU "${ou.path}" is ${ou.depth} levels deep; AWS allows at most ${MAX_OU_DEPTH} levels under the root`,
    }));

export const uniqueSiblingOus: ConfigRule = (config) =>
  duplicates(flattenOrganizationalUnits(config.organizationalUnits), (ou) => ou.path, (ou) => ({
    path: [...ou.configPath, "name"],
    message: `OU path "${ou.path}" appears twice; OU names must be unique under the same parent`,
  }));

export const homeRegionAllowed: ConfigRule = (config) =>
  config.organization.allowedRegions.includes(config.organization.homeRegion)
    ? []
    : [{
        path: ["organization", "allowedRegions"],
        message: `allowedRegions (${config.organization.allowedRegions.join(", ")}) must include the homeRegion ${config.organization.homeRegion}`,
      }];

/** Rules for the organization, OU, account and backend sections. */
export const FOUNDATION_RULES: readonly ConfigRule[] = [
  uniqueAccountNames,
  uniqueAccountEmails,
  uniqueAccountIds,
  singletonPurposes,
  managementAccountMatches,
  accountOusExist,
  ouDepth,
  uniqueSiblingOus,
  homeRegionAllowed,
];
