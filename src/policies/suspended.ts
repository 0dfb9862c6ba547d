import type { ServiceControlPolicy } from "./organization-policy-document";

/**
 * The Suspended OU: accounts waiting to be closed, or quarantined. Nothing may be done in them, by anyone the SCP
 * reaches (the deployment role included); the management account can still move them out of the OU.
 */
export function denyAllPolicy(): ServiceControlPolicy {
  return { Version: "2012-10-17", Statement: [{ Sid: "DenyEverything", Effect: "Deny", Action: "*", Resource: "*" }] };
}
