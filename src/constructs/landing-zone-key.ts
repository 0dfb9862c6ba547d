import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";

/** KMS allows 7-30 days; the longest window gives the most time to notice and cancel a scheduled deletion. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface LandingZoneKeyProps {
  /** Alias, from Naming.kmsAlias, such as `alias/<prefix>-lz-log-archive`. */
  readonly alias: string;
  readonly description: string;
  /** The key policy as JSON, from a pure function in src/policies/. */
  readonly policy: string;
}

/**
 * A customer-managed symmetric key as every landing zone key must be: yearly automatic rotation, the longest
 * deletion window, prevent_destroy, and an alias from the naming contract. Reuse it for every key.
 */
export class LandingZoneKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: LandingZoneKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: props.policy,
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(this, "alias", { name: props.alias, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
