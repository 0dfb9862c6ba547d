/**
 * CIS AWS Foundations Benchmark v3.0.0, section 4 (Monitoring): the metric filters on the organisation trail's
 * log group and the alarm each one raises. The patterns are CIS's remediation text, character for character:
 * auditors and Security Hub's CloudWatch.x checks compare them exactly, so never "improve" one here.
 * (4.16, "Security Hub is enabled", is not a metric filter; the security issue owns it.)
 */
export interface CisMetricFilter {
  /** The CIS recommendation number. */
  readonly id: string;
  /** Short name for the filter, metric and alarm names. */
  readonly name: string;
  readonly pattern: string;
  /** Why someone should look when it fires. */
  readonly why: string;
}

/** CIS prescribes this for every section 4 alarm: the metric counts matches (value 1) … */
export const CIS_METRIC_NAMESPACE = "CISBenchmark";
/** … and the alarm fires on the first match in a five-minute period. */
export const CIS_ALARM = {
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  // No matching events means no data, which is the good state.
  treatMissingData: "notBreaching",
} as const;

export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    id: "4.1",
    name: "unauthorized-api-calls",
    pattern:
      '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    why: "Repeated denied calls point at a compromised or misused credential probing for access, or a broken deployment",
  },
  {
    id: "4.2",
    name: "console-signin-without-mfa",
    // CIS's variant for organisations with SSO: IAM users only and successful sign-ins only. People sign in through
    // IAM Identity Center, whose sign-ins are covered by the identity stack's rules; this catches IAM users.
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    why: "An IAM user signed in to the console without MFA; the landing zone expects no IAM users at all",
  },
  {
    id: "4.3",
    name: "root-usage",
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    why: "The root user can do anything and should never be used for daily work",
  },
  {
    id: "4.4",
    name: "iam-policy-changes",
    pattern:
      "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}",
    why: "A change to who may do what, outside the reviewed Terraform changes, may be privilege escalation",
  },
  {
    id: "4.5",
    name: "cloudtrail-changes",
    pattern:
      "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    why: "Stopping or changing a trail is how an intruder hides their tracks",
  },
  {
    id: "4.6",
    name: "console-authentication-failures",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    why: "Failed console sign-ins may be a brute-force attempt on a password",
  },
  {
    id: "4.7",
    name: "disable-or-delete-cmk",
    pattern: "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
    why: "Data encrypted under a disabled or deleted key cannot be read again: destruction by key",
  },
  {
    id: "4.8",
    name: "s3-bucket-policy-changes",
    pattern:
      "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
    why: "A bucket policy or ACL change can expose data, or quietly shorten how long it is kept",
  },
  {
    id: "4.9",
    name: "config-changes",
    pattern:
      "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
    why: "Stopping AWS Config blinds the record of resource configuration",
  },
  {
    id: "4.10",
    name: "security-group-changes",
    pattern:
      "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
    why: "A security group change may open a path into a workload",
  },
  {
    id: "4.11",
    name: "nacl-changes",
    pattern:
      "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
    why: "A network ACL change may open a subnet to traffic it should not receive",
  },
  {
    id: "4.12",
    name: "network-gateway-changes",
    pattern:
      "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
    why: "A new gateway is a new way in or out of a network",
  },
  {
    id: "4.13",
    name: "route-table-changes",
    pattern:
      "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }",
    why: "A route change can send traffic around inspection or out of the network",
  },
  {
    id: "4.14",
    name: "vpc-changes",
    pattern:
      "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
    why: "VPCs and peerings are the isolation boundary between workloads",
  },
  {
    id: "4.15",
    name: "organizations-changes",
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    why: "Organisation changes move accounts out from under guardrails or change the guardrails themselves",
  },
];
