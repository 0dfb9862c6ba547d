/**
 * Policies of the workload VPC: endpoint policies, the flow-log delivery role and the flow-log group's key.
 * Pure functions of names and ids; the only tokens are account and organisation ids created by another stack.
 */

import type { PolicyDocument, PolicyStatement } from "./document";
import { serviceTrustPolicy } from "./trust-policies";

/**
 * Reads from S3 that carry no organisation principal: anonymous reads of AWS-owned public buckets (Amazon Linux
 * package repositories, SSM Agent and Patch Manager buckets) and presigned reads signed by AWS services (ECR image
 * layers). Reading brings data in; it cannot carry data out the way a write can.
 */
export const S3_PUBLIC_READ_ACTIONS = ["s3:GetObject"] as const;

/**
 * Federation calls to STS carry no AWS credentials (pods with web identity tokens, SAML): the trust policy of the
 * role they assume decides, so the endpoint must not ask for an organisation principal.
 */
export const STS_FEDERATION_ACTIONS = ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] as const;

/**
 * VPC endpoint policy for a service (the part after com.amazonaws.<region>.): any action, but only by principals of
 * the organisation, so credentials from another organisation cannot be used through this VPC's endpoints to move
 * data out. The resource side stays open, because AWS-owned resources must stay reachable; S3 reads and STS
 * federation, which have no organisation principal, are allowed as explained on their action lists.
 */
export function endpointPolicy(service: string, organizationId: string): PolicyDocument {
  const exceptions: PolicyStatement[] = [];
  if (service === "s3")
    exceptions.push({ Sid: "ReadAwsOwnedAndPresignedObjects", Effect: "Allow", Principal: "*", Action: [...S3_PUBLIC_READ_ACTIONS], Resource: "*" });
  if (service === "sts")
    exceptions.push({ Sid: "FederationDecidedByRoleTrust", Effect: "Allow", Principal: "*", Action: [...STS_FEDERATION_ACTIONS], Resource: "*" });
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrganisationPrincipalsOnly",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
      },
      ...exceptions,
    ],
  };
}

/** Who may assume the flow-log role: the flow-log service, for flow logs of this account only (confused deputy). */
export function flowLogTrustPolicy(accountId: string, region: string): PolicyDocument {
  return serviceTrustPolicy(
    "vpc-flow-logs.amazonaws.com",
    {
      StringEquals: { "aws:SourceAccount": accountId },
      ArnLike: { "aws:SourceArn": `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*` },
    },
    "VpcFlowLogsOfThisAccount",
  );
}

/** Writing records: the stream and events of the one flow-log group; the group exists, so no CreateLogGroup. */
export const FLOW_LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"] as const;
/** The flow-log service checks the group exists before delivering; DescribeLogGroups has no group-level resource. */
export const FLOW_LOG_DESCRIBE_ACTIONS = ["logs:DescribeLogGroups"] as const;

export function logGroupArn(region: string, accountId: string, logGroupName: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
}

/** What the flow-log role may do: deliver to its one log group. */
export function flowLogDeliveryPolicy(region: string, accountId: string, logGroupName: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DeliverToFlowLogGroup",
        Effect: "Allow",
        Action: [...FLOW_LOG_WRITE_ACTIONS],
        Resource: [`${logGroupArn(region, accountId, logGroupName)}:*`],
      },
      {
        Sid: "FindLogGroups",
        Effect: "Allow",
        Action: [...FLOW_LOG_DESCRIBE_ACTIONS],
        Resource: [`arn:aws:logs:${region}:${accountId}:log-group:*`],
      },
    ],
  };
}

/** CloudWatch Logs encrypts and decrypts log events with the key; nothing else (no key management). */
export const LOGS_KEY_USE_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"] as const;

/**
 * Key policy of the flow-log group's key. The account's own IAM policies govern administration (without the root
 * statement a key can become unmanageable); CloudWatch Logs may use the key only for the flow-log group, pinned by
 * the encryption context it always sends.
 */
export function flowLogKeyPolicy(region: string, accountId: string, logGroupName: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountIamPoliciesGovernTheKey",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsFlowLogGroup",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: [...LOGS_KEY_USE_ACTIONS],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn(region, accountId, logGroupName) } },
      },
    ],
  };
}
