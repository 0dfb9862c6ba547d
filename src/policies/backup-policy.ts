import { assign, type Assign } from "./organization-policy-document";
import type { PolicyTarget } from "./organization-policy-document";

export interface BackupPolicyProps {
  /** Key of the plan in the policy, such as kestrel-lz-daily. */
  readonly planName: string;
  /** Regions where the plan runs; the vault and role must exist there. */
  readonly regions: readonly string[];
  readonly startHourUtc: number;
  readonly retentionDays: number;
  readonly vaultName: string;
  /** Name of the role AWS Backup assumes in each account. */
  readonly roleName: string;
  readonly tagKey: string;
  readonly tagValue: string;
}

export interface BackupPolicyDocument {
  readonly plans: Readonly<Record<string, {
    readonly regions: Assign<readonly string[]>;
    readonly rules: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly selections: { readonly tags: Readonly<Record<string, Readonly<Record<string, Assign<unknown>>>>> };
  }>>;
}

/**
 * The tag selection's key, which AWS Backup uses as the selection name: 1-50 letters, digits, `-`, `_` or `.`
 * (AWS Backup API, BackupSelection.SelectionName). Tag keys and values allow more characters and far more length.
 */
export function backupSelectionName(tagKey: string, tagValue: string): string {
  return `${tagKey}-${tagValue}`.toLowerCase().replace(/[^a-z0-9_.-]/g, "-").slice(0, 50);
}

/** Backup windows: start within an hour of the scheduled time, finish within six. */
export const BACKUP_START_WINDOW_MINUTES = 60;
export const BACKUP_COMPLETE_WINDOW_MINUTES = 360;

/**
 * A daily plan (every 24 hours) in every account for resources tagged for backup, into the landing zone's vault,
 * with the landing zone's backup role. `$account` is replaced by Organizations with each account's id. Numbers are
 * strings, as the backup policy syntax expects.
 */
export function backupPolicy(props: BackupPolicyProps): BackupPolicyDocument {
  return {
    plans: {
      [props.planName]: {
        regions: assign(props.regions),
        rules: {
          daily: {
            schedule_expression: assign(`cron(0 ${props.startHourUtc} ? * * *)`),
            start_backup_window_minutes: assign(String(BACKUP_START_WINDOW_MINUTES)),
            complete_backup_window_minutes: assign(String(BACKUP_COMPLETE_WINDOW_MINUTES)),
            target_backup_vault_name: assign(props.vaultName),
            lifecycle: { delete_after_days: assign(String(props.retentionDays)) },
          },
        },
        selections: {
          tags: {
            [backupSelectionName(props.tagKey, props.tagValue)]: {
              iam_role_arn: assign(`arn:aws:iam::$account:role/${props.roleName}`),
              tag_key: assign(props.tagKey),
              tag_value: assign([props.tagValue]),
            },
          },
        },
      },
    },
  };
}

interface BackupOuNode {
  readonly name: string;
  readonly children: readonly BackupOuNode[];
}

export interface BackupTargetsInput {
  readonly organizationalUnits: readonly BackupOuNode[];
  /** Member accounts (never the management account) with the path of their OU. */
  readonly accounts: readonly { readonly name: string; readonly ou: string }[];
  /** Path of the suspended OU, if any. */
  readonly suspendedOu?: string;
}

/**
 * Where the backup policy goes: every member account, and none in the suspended OU or below it. Not the root: unlike
 * SCPs, management policies also apply to the management account, which has no account baseline and so no backup
 * vault or role. Nor the suspended OU: its accounts get no account stack (the deny-all SCP stops the deployment
 * role), so they have no vault or role either, and the plan would fail there every day. Each top-level OU carries
 * the policy, except one that holds the suspended OU further down: its own accounts and its other children carry it
 * instead, by the same rule.
 */
export function backupPolicyTargets(input: BackupTargetsInput): PolicyTarget[] {
  const suspended = input.suspendedOu;
  const targets: PolicyTarget[] = [];
  const place = (ou: BackupOuNode, path: string) => {
    if (path === suspended) return;
    if (suspended === undefined || !suspended.startsWith(`${path}/`)) {
      targets.push({ kind: "ou", path });
      return;
    }
    for (const account of input.accounts) if (account.ou === path) targets.push({ kind: "account", name: account.name });
    for (const child of ou.children) place(child, `${path}/${child.name}`);
  };
  for (const ou of input.organizationalUnits) place(ou, ou.name);
  return targets;
}
