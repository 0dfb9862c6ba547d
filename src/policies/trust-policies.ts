import type { PolicyDocument } from "./document";

/** A role that only the named AWS service can assume, such as `backup.amazonaws.com`. */
export function serviceTrustPolicy(servicePrincipal: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: servicePrincipal }, Action: "sts:AssumeRole" }],
  };
}
