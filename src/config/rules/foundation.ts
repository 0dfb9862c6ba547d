import type { ConfigIssue } from "../errors";
import { flattenOrganizationalUnits } from "../../organization/ou-tree";
import { LOG_BUCKET_KINDS, Naming } from "../../naming";
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

/**
 * An import block adopts an account or OU that already belongs to an organization, and an account or OU can only
 * belong to an existing one. Without organization.id the same plan would call CreateOrganization (which fails for an
 * account that is already a member, and would in any case be another organisation) while importing its members.
 * The management account is not imported (it runs the organization stack), so its id needs no adoption.
 */
export const adoptionNeedsOrganization: ConfigRule = (config) => {
  if (config.organization.id !== undefined) return [];
  const fix = "give organization.id (o-…) of the organization it belongs to, or remove id to create it anew";
  return [
    ...flattenOrganizationalUnits(config.organizationalUnits).flatMap((flat): ConfigIssue[] =>
      flat.ou.id === undefined ? [] : [{
        path: [...flat.configPath, "id"],
        message: `OU "${flat.path}" is adopted (id ${flat.ou.id}), which requires adopting the organization too: ${fix}`,
      }]),
    ...config.accounts.flatMap((a, i): ConfigIssue[] =>
      a.id === undefined || a.purpose === "management" ? [] : [{
        path: ["accounts", i, "id"],
        message: `account "${a.name}" is adopted (id ${a.id}), which requires adopting the organization too: ${fix}`,
      }]),
  ];
};

/**
 * S3 general purpose bucket names may not begin with these (S3 User Guide, "General purpose bucket naming rules":
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). `sthree-` also covers the older
 * `sthree-configurator` rule.
 */
export const RESERVED_BUCKET_NAME_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;

/**
 * organization.prefix begins every log archive bucket name (`<prefix>-lz-<kind>-<account id>-<region>`). Of S3's
 * naming rules, the schema's prefix pattern already keeps the character set (lowercase letters, digits, hyphens: no
 * periods, so no adjacent periods and no IP-address form) and the first character (a letter); the names end with a
 * Region code, so the reserved suffixes (`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3`, `--table-s3`) cannot occur, and
 * the longest name stays below 63 characters. What a prefix can still break is the reserved beginnings, checked on
 * the real bucket name (a prefix `sthree` makes `sthree-lz-…`).
 */
export const prefixMakesValidBucketNames: ConfigRule = (config) => {
  const name = new Naming(config.organization).logBucketName(LOG_BUCKET_KINDS[0], "111111111111");
  const reserved = RESERVED_BUCKET_NAME_PREFIXES.find((p) => name.startsWith(p));
  if (reserved === undefined) return [];
  return [{
    path: ["organization", "prefix"],
    message:
      `prefix "${config.organization.prefix}" makes the log bucket names begin with "${reserved}" (such as ${name}), which S3 reserves; ` +
      `choose a prefix that does not make bucket names begin with ${RESERVED_BUCKET_NAME_PREFIXES.join(", ")}`,
  }];
};

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
  adoptionNeedsOrganization,
  prefixMakesValidBucketNames,
];
