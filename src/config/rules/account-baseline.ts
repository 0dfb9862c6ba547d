import type { ConfigIssue } from "../errors";
import type { ConfigRule } from "./rule";

const LOCK = ["accountBaseline", "backupVaultLock"] as const;

/**
 * The vault lock's retention bounds apply to every backup job into the vault: AWS Backup fails a job whose lifecycle
 * keeps recovery points shorter than the minimum or longer than the maximum (AWS Backup DG, "AWS Backup Vault Lock":
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html). The organisation's daily plan keeps
 * guardrails.backup.retentionDays, so the bounds must contain it, or every daily backup would fail.
 */
export const vaultLockAdmitsBackupRetention: ConfigRule = (config) => {
  const lock = config.accountBaseline.backupVaultLock;
  const retention = config.guardrails.backup.retentionDays;
  const issues: ConfigIssue[] = [];
  if (lock.minRetentionDays > retention)
    issues.push({
      path: [...LOCK, "minRetentionDays"],
      message: `minRetentionDays (${lock.minRetentionDays}) is longer than guardrails.backup.retentionDays (${retention}): AWS Backup would fail every daily backup into the locked vault; lower it to at most ${retention}`,
    });
  if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays < retention)
    issues.push({
      path: [...LOCK, "maxRetentionDays"],
      message: `maxRetentionDays (${lock.maxRetentionDays}) is shorter than guardrails.backup.retentionDays (${retention}): AWS Backup would fail every daily backup into the locked vault; raise it to at least ${retention} or leave it out`,
    });
  if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays < lock.minRetentionDays)
    issues.push({
      path: [...LOCK, "maxRetentionDays"],
      message: `maxRetentionDays (${lock.maxRetentionDays}) must be at least minRetentionDays (${lock.minRetentionDays})`,
    });
  return issues;
};

/**
 * A compliance-mode lock is the one whose ChangeableForDays is set; without it AWS makes a governance-mode lock
 * (PutBackupVaultLockConfiguration). So the mode and the cooling-off period must agree: COMPLIANCE needs the period
 * (an explicit decision, since the lock is irreversible afterwards), GOVERNANCE must not have one.
 */
export const vaultLockModeMatchesCoolingOff: ConfigRule = (config) => {
  const lock = config.accountBaseline.backupVaultLock;
  if (lock.mode === "COMPLIANCE" && lock.changeableForDays === undefined)
    return [{
      path: [...LOCK, "changeableForDays"],
      message: "mode COMPLIANCE needs changeableForDays (at least 3): the days during which the lock can still be changed or removed; after them nobody can, and recovery points cannot be deleted before their retention ends",
    }];
  if (lock.mode === "GOVERNANCE" && lock.changeableForDays !== undefined)
    return [{
      path: [...LOCK, "changeableForDays"],
      message: `changeableForDays (${lock.changeableForDays}) makes the lock a COMPLIANCE lock: set mode: COMPLIANCE to mean it, or leave changeableForDays out for GOVERNANCE`,
    }];
  return [];
};

/**
 * Restore testing picks the latest recovery point of the selection window; points older than the backup retention
 * are gone, so a window longer than it only promises what the vault cannot hold.
 */
export const restoreTestingWindowWithinRetention: ConfigRule = (config) => {
  const testing = config.accountBaseline.restoreTesting;
  const retention = config.guardrails.backup.retentionDays;
  if (!testing.enabled || testing.selectionWindowDays <= retention) return [];
  return [{
    path: ["accountBaseline", "restoreTesting", "selectionWindowDays"],
    message: `selectionWindowDays (${testing.selectionWindowDays}) is longer than guardrails.backup.retentionDays (${retention}): no recovery point is kept that long; use at most ${retention}`,
  }];
};

/** Rules for the accountBaseline section. */
export const ACCOUNT_BASELINE_RULES: readonly ConfigRule[] = [vaultLockAdmitsBackupRetention, vaultLockModeMatchesCoolingOff, restoreTestingWindowWithinRetention];
