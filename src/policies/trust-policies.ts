import type { ConditionBlock, PolicyDocument } from "./document";

/**
 * A role that only the named AWS service can assume, such as `backup.amazonaws.com`. `condition` narrows it against
 * the confused deputy problem (aws:SourceAccount, aws:SourceArn) where the service sends those keys.
 */
export function serviceTrustPolicy(servicePrincipal: string, condition?: ConditionBlock, sid?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        ...(sid === undefined ? {} : { Sid: sid }),
        Effect: "Allow",
        Principal: { Service: servicePrincipal },
        Action: "sts:AssumeRole",
        ...(condition === undefined ? {} : { Condition: condition }),
      },
    ],
  };
}
