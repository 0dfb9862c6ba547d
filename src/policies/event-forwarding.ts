import type { IamPolicyDocument } from "./identity-center";
import { serviceTrustPolicy } from "./trust-policies";

/**
 * Lets EventBridge assume the forwarding role, only on behalf of rules in the role's own account (confused deputy:
 * aws:SourceAccount).
 */
export function eventBridgeTrustPolicy(accountId: string): IamPolicyDocument {
  return serviceTrustPolicy("events.amazonaws.com", { StringEquals: { "aws:SourceAccount": accountId } });
}

/** Forwarding needs one action on one bus: putting events on the home Region's default bus. */
export const FORWARD_ACTIONS = ["events:PutEvents"] as const;

export function forwardToBusPolicy(eventBusArn: string): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "ForwardToHomeRegion", Effect: "Allow", Action: [...FORWARD_ACTIONS], Resource: eventBusArn }],
  };
}
