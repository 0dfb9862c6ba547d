import { assign, type Assign } from "./organization-policy-document";

/**
 * Resource types where a tag policy can *enforce* compliant values (Organizations docs, "Services and resource
 * types that support enforcement"). `rds:db` supports reporting but not enforcement, so RDS uses ALL_SUPPORTED.
 * Enforcement blocks tagging operations with a wrong value or case; it does not require the tag.
 */
export const TAG_ENFORCED_FOR = [
  "s3:bucket", "kms:key", "ec2:ALL_SUPPORTED", "rds:ALL_SUPPORTED", "elasticfilesystem:file-system",
  "logs:log-group", "sns:topic", "sqs:queue",
] as const;

/** Data stores and compute whose missing classification or owner the tag policy reports (required tag keys). */
export const TAG_REQUIRED_FOR = ["s3:bucket", "kms:key", "rds:db", "ec2:instance"] as const;

export interface TagPolicyDocument {
  readonly tags: Readonly<Record<string, {
    readonly tag_key: Assign<string>;
    readonly tag_value?: Assign<readonly string[]>;
    readonly enforced_for?: Assign<readonly string[]>;
    readonly report_required_tag_for?: Assign<readonly string[]>;
  }>>;
}

export interface TagPolicyProps {
  readonly dataClassificationKey: string;
  readonly dataClassificationValues: readonly string[];
  readonly ownerKey: string;
}

/** Data classification with a fixed set of values and key case, and an owner tag with a fixed key case. */
export function tagPolicy(props: TagPolicyProps): TagPolicyDocument {
  return {
    tags: {
      // The policy key must equal the tag key apart from case.
      [props.dataClassificationKey.toLowerCase()]: {
        tag_key: assign(props.dataClassificationKey),
        tag_value: assign(props.dataClassificationValues),
        enforced_for: assign(TAG_ENFORCED_FOR),
        report_required_tag_for: assign(TAG_REQUIRED_FOR),
      },
      // No values, so any owner is compliant; enforced_for is what makes the key's case (Owner, not owner) a hard
      // rule rather than a report.
      [props.ownerKey.toLowerCase()]: {
        tag_key: assign(props.ownerKey),
        enforced_for: assign(TAG_ENFORCED_FOR),
        report_required_tag_for: assign(TAG_REQUIRED_FOR),
      },
    },
  };
}
