import { Naming } from "../../naming";
import { LONGEST_ORGANIZATION_ID } from "../../policies/guardrail-policies";
import { logArchivePolicies, policySizeProblems } from "../../policies/log-archive";
import type { ConfigRule } from "./rule";

/**
 * Object Lock keeps every log version for objectLock.days; a lifecycle expiry shorter than that would promise a
 * retention period the bucket cannot honour (S3 keeps locked versions regardless), so the config must not say it.
 */
export const expiryCoversObjectLock: ConfigRule = (config) => {
  const { expirationDays, objectLock } = config.logging;
  return expirationDays >= objectLock.days
    ? []
    : [{
        path: ["logging", "expirationDays"],
        message: `expirationDays (${expirationDays}) must be at least the object lock period logging.objectLock.days (${objectLock.days}); raise expirationDays or shorten the lock`,
      }];
};

/** S3 rejects a lifecycle rule whose expiry is not after its transition, and a transition at or after expiry is pointless. */
export const transitionBeforeExpiry: ConfigRule = (config) => {
  const { transitionToGlacierDays, expirationDays } = config.logging;
  return transitionToGlacierDays < expirationDays
    ? []
    : [{
        path: ["logging", "transitionToGlacierDays"],
        message: `transitionToGlacierDays (${transitionToGlacierDays}) must be less than expirationDays (${expirationDays}); objects move to Glacier before they expire`,
      }];
};

/** The longest account id (12 digits) stands in for the log archive account's while it is not known. */
const SIZING_ACCOUNT_ID = "000000000000";

/**
 * Every log archive bucket and key policy fits AWS's size limit, checked with the config before any stack is built.
 * They name no member account (organisation-wide conditions), so what they depend on is all in config: the allowed
 * Regions, the auditor roles, and ids that, unless adopted, are measured at their longest. Messages name a bucket
 * whose account is not known yet by its pattern, never by the stand-in id.
 */
export const logArchivePoliciesFit: ConfigRule = (config) => {
  const naming = new Naming(config.organization);
  const adoptedId = config.accounts.find((a) => a.purpose === "log-archive")?.id;
  const logArchiveAccountId = adoptedId ?? SIZING_ACCOUNT_ID;
  const policies = logArchivePolicies(
    { bucketName: (kind) => naming.logBucketName(kind, logArchiveAccountId), keyAlias: naming.kmsAlias("log-archive") },
    {
      logArchiveAccountId,
      managementAccountId: config.organization.managementAccountId,
      auditAccountId: config.accounts.find((a) => a.purpose === "audit")?.id ?? SIZING_ACCOUNT_ID,
      organizationId: config.organization.id ?? LONGEST_ORGANIZATION_ID,
      homeRegion: config.organization.homeRegion,
      regions: config.organization.allowedRegions,
      trailArn: naming.orgTrailArn(config.organization.managementAccountId),
      auditorRoleArns: config.logging.auditorRoleArns,
    },
  );
  const shown = (message: string): string =>
    adoptedId === undefined
      ? (["cloudtrail", "config", "flow-logs", "access-logs"] as const).reduce(
          (text, kind) => text.replaceAll(naming.logBucketName(kind, SIZING_ACCOUNT_ID), naming.logBucketName(kind, "<log archive account id>")),
          message,
        )
      : message;
  return policySizeProblems(policies).map((message) => ({ path: ["logging", "auditorRoleArns"], message: shown(message) }));
};

/** Rules for the logging section. */
export const LOGGING_RULES: readonly ConfigRule[] = [expiryCoversObjectLock, transitionBeforeExpiry, logArchivePoliciesFit];
