import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { addIdentityDetectiveControls } from "../src/constructs/identity-detective-controls";
import { Naming } from "../src/naming";

/** addIdentityDetectiveControls alone, on a stack of its own (the identity stack's wiring is tested in identity-stack.test.ts). */
describe("identity detective controls", () => {
  const naming = new Naming({ prefix: "test", homeRegion: "eu-west-2" });
  const synth = (withManagementProvider: boolean) => {
    const stack = new TerraformStack(Testing.app(), "identity");
    new AwsProvider(stack, "aws", { region: "eu-west-2" });
    const provider = withManagementProvider ? new AwsProvider(stack, "management", { region: "eu-west-2", alias: "management" }) : undefined;
    addIdentityDetectiveControls(stack, { naming, managementAccountId: "111111111111", homeRegion: "eu-west-2", provider });
    return JSON.parse(Testing.synth(stack));
  };
  const RULE_IDS = ["alarm_identity_center_authentication_settings", "alarm_identity_center_sign_in_without_mfa", "alarm_break_glass_federation"];

  it("keeps the addresses the identity stack gives them: resources on the scope it is given, not in a construct of their own", () => {
    const json = synth(false);
    expect(Object.keys(json.resource.aws_iam_role)).toEqual(["alarm_publisher"]);
    expect(Object.keys(json.resource.aws_iam_role_policy)).toEqual(["alarm_publisher_policy"]);
    expect(Object.keys(json.resource.aws_cloudwatch_event_rule).sort()).toEqual([...RULE_IDS].sort());
  });

  it("sends every rule to the management account's security alarm topic through the publisher role, once its policy exists", () => {
    const json = synth(false);
    const targets = Object.values(json.resource.aws_cloudwatch_event_target) as Record<string, any>[];
    expect(targets).toHaveLength(RULE_IDS.length);
    for (const target of targets) {
      expect(target.arn).toBe("arn:aws:sns:eu-west-2:111111111111:test-lz-security-alarms");
      expect(target.role_arn).toBe("${aws_iam_role.alarm_publisher.arn}");
      expect(target.depends_on).toEqual(["aws_iam_role_policy.alarm_publisher_policy"]);
    }
    // EventBridge may assume the role only for these rules of the management account itself.
    const trust = JSON.parse(json.resource.aws_iam_role.alarm_publisher.assume_role_policy);
    const ruleArns = Object.values(json.resource.aws_cloudwatch_event_rule).map((rule: any) => `arn:aws:events:eu-west-2:111111111111:rule/${rule.name}`);
    expect(ruleArns).toHaveLength(RULE_IDS.length);
    expect(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]).toBe("111111111111");
    expect([...trust.Statement[0].Condition.StringEquals["aws:SourceArn"]].sort()).toEqual(ruleArns.sort());
  });

  it("puts everything in the management account through its provider when the stack runs elsewhere (a delegated administrator)", () => {
    const json = synth(true);
    const resources = ["aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"].flatMap(
      (type) => Object.values(json.resource[type]) as Record<string, any>[],
    );
    expect(resources).toHaveLength(2 + 2 * RULE_IDS.length);
    for (const resource of resources) expect(resource.provider).toBe("aws.management");
  });
});
