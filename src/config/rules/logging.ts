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

/** Rules for the logging section. */
export const LOGGING_RULES: readonly ConfigRule[] = [expiryCoversObjectLock, transitionBeforeExpiry];
