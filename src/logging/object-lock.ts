import type { ServiceLogKind } from "../policies/log-archive";

/** S3 Object Lock modes: COMPLIANCE cannot be shortened or removed by anyone, root included; GOVERNANCE can, with a permission. */
export const OBJECT_LOCK_MODES = ["COMPLIANCE", "GOVERNANCE"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/**
 * The log archive buckets that have S3 Object Lock. Not the Config bucket: AWS Config does not deliver to a bucket
 * with Object Lock enabled (AWS Config API reference, DeliveryChannel). Not the GuardDuty findings bucket either:
 * GuardDuty's export documentation names no support for Object Lock (which requires an integrity checksum on every
 * upload), and compliance mode cannot be undone if deliveries then fail. Their bucket policies deny deleting log
 * versions instead.
 */
export const OBJECT_LOCKED_KINDS: readonly ServiceLogKind[] = ["cloudtrail", "flow-logs"];
