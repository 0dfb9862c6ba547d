import { CIS_METRIC_FILTERS } from "../src/detective/cis-metric-filters";
import { MANAGEMENT_ID, findResource, loggingConfig, synthesizeStack } from "./logging-test-helpers";
import type { SynthesizedStack } from "./helpers";

/**
 * CIS AWS Foundations Benchmark v3.0.0 section 4, copied from the benchmark's remediation text independently of
 * the code (4.2 in CIS's variant for IAM users, which is also Security Hub's CloudWatch.3 string). Auditors compare
 * patterns character for character.
 */
const CIS_V3_SECTION_4: readonly (readonly [id: string, name: string, pattern: string])[] = [
  ["4.1", "unauthorized-api-calls", "{ ($.errorCode =\"*UnauthorizedOperation\") || ($.errorCode =\"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\") }"],
  ["4.2", "console-signin-without-mfa", "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"],
  ["4.3", "root-usage", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"],
  ["4.4", "iam-policy-changes", "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}"],
  ["4.5", "cloudtrail-changes", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"],
  ["4.6", "console-authentication-failures", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"],
  ["4.7", "disable-or-delete-cmk", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"],
  ["4.8", "s3-bucket-policy-changes", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"],
  ["4.9", "config-changes", "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }"],
  ["4.10", "security-group-changes", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"],
  ["4.11", "nacl-changes", "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"],
  ["4.12", "network-gateway-changes", "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"],
  ["4.13", "route-table-changes", "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }"],
  ["4.14", "vpc-changes", "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"],
  ["4.15", "organizations-changes", "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = \"AcceptHandshake\") || ($.eventName = \"AttachPolicy\") || ($.eventName = \"CreateAccount\") || ($.eventName = \"CreateOrganizationalUnit\") || ($.eventName = \"CreatePolicy\") || ($.eventName = \"DeclineHandshake\") || ($.eventName = \"DeleteOrganization\") || ($.eventName = \"DeleteOrganizationalUnit\") || ($.eventName = \"DeletePolicy\") || ($.eventName = \"DetachPolicy\") || ($.eventName = \"DisablePolicyType\") || ($.eventName = \"EnablePolicyType\") || ($.eventName = \"InviteAccountToOrganization\") || ($.eventName = \"LeaveOrganization\") || ($.eventName = \"MoveAccount\") || ($.eventName = \"RemoveAccountFromOrganization\") || ($.eventName = \"UpdatePolicy\") || ($.eventName = \"UpdateOrganizationalUnit\")) }"],
];

let stack: SynthesizedStack;
beforeAll(() => {
  stack = synthesizeStack("org-trail", loggingConfig());
});

describe("CIS v3.0.0 section 4 metric filters and alarms", () => {
  it("covers every section 4 recommendation that is a metric filter, and no other", () => {
    expect(CIS_METRIC_FILTERS.map((f) => f.id)).toEqual(CIS_V3_SECTION_4.map(([id]) => id));
    // The CIS namespace holds exactly section 4; the landing zone's own alarms (break-glass use) have their own.
    const cis = (type: string) => Object.values(stack.resources(type)).filter((r) => (r.metric_transformation?.namespace ?? r.namespace) === "CISBenchmark");
    expect(cis("aws_cloudwatch_log_metric_filter")).toHaveLength(CIS_V3_SECTION_4.length);
    expect(cis("aws_cloudwatch_metric_alarm")).toHaveLength(CIS_V3_SECTION_4.length);
  });

  it.each(CIS_V3_SECTION_4)("%s %s: exact CIS pattern on the trail's log group, alarm on the first match in 5 minutes to the security topic", (id, name, pattern) => {
    const metric = `kestrel-lz-cis-${id}-${name}`;
    const filter = findResource(stack, "aws_cloudwatch_log_metric_filter", (f) => f.name === metric).resource;
    expect(filter.pattern).toBe(pattern);
    expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.trail_log_group.name}");
    expect(filter.metric_transformation).toEqual({ name: metric, namespace: "CISBenchmark", value: "1" });

    const alarm = findResource(stack, "aws_cloudwatch_metric_alarm", (a) => a.alarm_name === metric).resource;
    expect(alarm).toMatchObject({
      namespace: "CISBenchmark",
      metric_name: metric,
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: ["${aws_sns_topic.security_alarm_topic.arn}"],
    });
    expect(alarm.alarm_description).toMatch(new RegExp(`^CIS AWS Foundations Benchmark v3\\.0\\.0 ${id.replace(".", "\\.")}: `));
  });

  it("lives in the management account, where the organisation trail and its log group are", () => {
    expect(stack.json.provider.aws[0].allowed_account_ids).toEqual([MANAGEMENT_ID]);
  });
});
