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
 * A data perimeter that keeps AWS services working:
 * - principals outside the organisation are denied, unless they are AWS service principals;
 * - AWS services acting for another account (aws:SourceAccount set) are denied unless that account is in this
 *   organisation (confused deputy protection).
 * `${aws:ResourceOrgID}` is a policy variable resolved by IAM to the resource's organisation, so the policy needs no
 * organisation id (which is unknown before the organisation exists).
 */
export function dataPerimeterPolicy(): ResourceControlPolicy {
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
          StringNotEqualsIfExists: { "aws:PrincipalOrgID": "${aws:ResourceOrgID}" },
          BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
        },
      },
      {
        Sid: "DenyServicesForOtherOrganizations",
        Effect: "Deny",
        Principal: "*",
        Action: PERIMETER_ACTIONS,
        Resource: "*",
        Condition: {
          StringNotEqualsIfExists: { "aws:SourceOrgID": "${aws:ResourceOrgID}" },
          Null: { "aws:SourceAccount": "false" },
          Bool: { "aws:PrincipalIsAWSService": "true" },
        },
      },
    ],
  };
}
