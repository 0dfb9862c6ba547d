/**
 * Policies of the workload VPC: endpoint policies, the flow-log delivery role and the flow-log group's key.
 * Pure functions of names and ids; the only tokens are account and organisation ids created by another stack.
 */

import { keyAccountAdministers, type PolicyDocument, type PolicyStatement } from "./document";
import { serviceTrustPolicy } from "./trust-policies";

/**
 * AWS-owned S3 buckets that workloads read through the S3 gateway endpoint, none of them in the organisation (so
 * aws:ResourceOrgID never matches them). `<region>` is the VPC's Region. Each group is documented by its service,
 * and AWS lists them all in its data-perimeter VPC endpoint policy example
 * (https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json).
 */
export const AWS_OWNED_BUCKET_GROUPS: readonly { readonly why: string; readonly source: string; readonly buckets: readonly string[] }[] = [
  {
    why: "Amazon Linux 2023 and Amazon Linux 2 package repositories (dnf/yum)",
    source: "https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json",
    buckets: ["al2023-repos-<region>-de612dc2", "amazonlinux-2-repos-<region>", "amazonlinux.<region>.amazonaws.com"],
  },
  {
    why: "SSM Agent: updates, documents' attachments, Distributor packages, Patch Manager baselines",
    source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html",
    buckets: [
      "aws-ssm-<region>",
      "aws-windows-downloads-<region>",
      "amazon-ssm-<region>",
      "amazon-ssm-packages-<region>",
      "<region>-birdwatcher-prod",
      "aws-ssm-distributor-file-<region>",
      "aws-ssm-document-attachments-<region>",
      "patch-baseline-snapshot-<region>",
      "aws-patchmanager-macos-<region>",
    ],
  },
  {
    why: "Amazon ECR image layers (docker pull reads them by presigned URL from ECR's own bucket)",
    source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    buckets: ["prod-<region>-starport-layer-bucket"],
  },
];

/** What workloads do with AWS-owned buckets: read objects. Nothing is written to, or listed in, a bucket outside the organisation. */
export const AWS_OWNED_BUCKET_ACTIONS = ["s3:GetObject"] as const;

/** The object ARNs of the AWS-owned buckets in a Region. */
export function awsOwnedBucketObjectArns(region: string): string[] {
  return AWS_OWNED_BUCKET_GROUPS.flatMap((group) => group.buckets.map((bucket) => `arn:aws:s3:::${bucket.replaceAll("<region>", region)}/*`));
}

/**
 * Systems Manager documents and public parameters owned by AWS (AWS-RunShellScript, Session Manager's documents,
 * /aws/service/… AMI ids): the organisation's principals read and run them, as AWS's data-perimeter SSM endpoint
 * policy example allows
 * (https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/ssm_endpoint_policy.json).
 */
export const AWS_OWNED_SSM_ACTIONS = ["ssm:Describe*", "ssm:List*", "ssm:Get*", "ssm:SendCommand", "ssm:CreateAssociation", "ssm:StartSession"] as const;

/**
 * Federation calls to STS carry no AWS credentials (pods with web identity tokens, SAML): the trust policy of the
 * role they assume decides, so the endpoint cannot ask for an organisation principal; the role must be the
 * organisation's.
 */
export const STS_FEDERATION_ACTIONS = ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"] as const;

/**
 * VPC endpoint policy for a service (the part after com.amazonaws.<region>.): principals of the organisation
 * (aws:PrincipalOrgID) acting on resources of the organisation (aws:ResourceOrgID), so neither credentials from
 * elsewhere nor the organisation's own credentials can move data through this VPC's endpoints to resources outside
 * it. This is the shape of AWS's data-perimeter endpoint policies
 * (https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies); the exceptions
 * are the AWS-owned resources workloads need, per service:
 * - s3: reads of the AWS-owned buckets above, by anyone (they are public, or read by presigned URLs that ECR signs);
 * - ssm: AWS-owned documents and public parameters, by the organisation's principals;
 * - sts: web identity and SAML federation into the organisation's roles.
 * AWS's examples also allow every request by an AWS service principal; no service calls through a workload VPC's
 * endpoints on the organisation's behalf, so that statement is left out.
 */
export function endpointPolicy(service: string, organizationId: string, region: string): PolicyDocument {
  const inOrganisation = { "aws:PrincipalOrgID": organizationId, "aws:ResourceOrgID": organizationId };
  const exceptions: PolicyStatement[] = [];
  if (service === "s3")
    exceptions.push({ Sid: "ReadAwsOwnedBuckets", Effect: "Allow", Principal: "*", Action: [...AWS_OWNED_BUCKET_ACTIONS], Resource: awsOwnedBucketObjectArns(region) });
  if (service === "ssm")
    exceptions.push({
      Sid: "OrganisationPrincipalsUseAwsOwnedDocumentsAndParameters",
      Effect: "Allow",
      Principal: "*",
      Action: [...AWS_OWNED_SSM_ACTIONS],
      Resource: [`arn:aws:ssm:${region}::parameter/aws/*`, `arn:aws:ssm:${region}::document/*`],
      Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
    });
  if (service === "sts")
    exceptions.push({
      Sid: "FederationIntoOrganisationRoles",
      Effect: "Allow",
      Principal: "*",
      Action: [...STS_FEDERATION_ACTIONS],
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceOrgID": organizationId } },
    });
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrganisationPrincipalsToOrganisationResources",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: inOrganisation },
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
      keyAccountAdministers(accountId, "AccountIamPoliciesGovernTheKey"),
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
