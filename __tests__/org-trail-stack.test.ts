import { Naming } from "../src/naming";
import { LOG_ARCHIVE_ID, MANAGEMENT_ID, ORG_ID_REF, TRAIL_ARN, decide, findResource, loggingConfig, statement, synthesizeStack } from "./logging-test-helpers";
import type { SynthesizedStack } from "./helpers";

const TOPIC_ARN = "arn:aws:sns:eu-west-2:111111111111:kestrel-lz-security-alarms";
const LOG_GROUP_ARN = "arn:aws:logs:eu-west-2:111111111111:log-group:/kestrel-lz/cloudtrail";

let stack: SynthesizedStack;
beforeAll(() => {
  stack = synthesizeStack("org-trail", loggingConfig());
});

const trail = () => stack.resource("aws_cloudtrail", "org_trail");
const keyPolicy = () => findResource(stack, "aws_kms_key", () => true).resource.policy as string;
const keyRef = () => `\${${findResource(stack, "aws_kms_key", () => true).address}.arn}`;
const topicPolicy = () => stack.resource("aws_sns_topic_policy", "security_alarm_topic_policy").policy as string;

describe("org-trail stack: where it runs", () => {
  it("runs in the management account with the caller's credentials, no assumed role", () => {
    expect(stack.json.provider.aws).toEqual([expect.objectContaining({ allowed_account_ids: [MANAGEMENT_ID], region: "eu-west-2" })]);
    expect(stack.json.provider.aws[0].assume_role).toBeUndefined();
  });

  it("builds the trail ARN the log archive policies name from the naming contract", () => {
    expect(new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" }).orgTrailArn(MANAGEMENT_ID)).toBe(TRAIL_ARN);
  });
});

describe("org-trail stack: the organisation trail", () => {
  it("is an organisation trail in every Region with global events and log file validation, always logging", () => {
    expect(trail()).toMatchObject({
      name: "kestrel-lz-org-trail",
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("delivers to the log archive's CloudTrail bucket, encrypted with the log archive key (both from the log-archive stack)", () => {
    expect(trail().s3_bucket_name).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-log-archive\\.outputs\\.cross-stack-output-aws_s3_bucketcloudtrail_bucket_\\w+bucket\\}$`));
    expect(trail().kms_key_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-log-archive\.outputs\.cross-stack-output-aws_kms_keylog_archive_key_\w+arn\}$/);
  });

  it("logs management events, read and write, and no data events by default", () => {
    expect(trail().advanced_event_selector).toEqual([
      { name: "Management events, read and write", field_selector: [{ field: "eventCategory", equals: ["Management"] }] },
    ]);
    expect(trail().event_selector).toBeUndefined();
  });

  it("logs S3 and Lambda data events when config asks, except S3 objects of every log archive bucket", () => {
    const withData = synthesizeStack("org-trail", loggingConfig((d) => (d.logging.dataEvents = { s3: true, lambda: true })));
    const selectors = withData.resource("aws_cloudtrail", "org_trail").advanced_event_selector;
    expect(selectors[0]).toEqual({ name: "Management events, read and write", field_selector: [{ field: "eventCategory", equals: ["Management"] }] });
    expect(selectors[1].field_selector.slice(0, 2)).toEqual([
      { field: "eventCategory", equals: ["Data"] },
      { field: "resources.type", equals: ["AWS::S3::Object"] },
    ]);
    const excluded = selectors[1].field_selector[2];
    expect(excluded.field).toBe("resources.ARN");
    expect(excluded.not_starts_with).toHaveLength(5);
    for (const kind of ["cloudtrail", "config", "flow-logs", "guardduty", "access-logs"]) {
      expect(excluded.not_starts_with).toContainEqual(expect.stringMatching(new RegExp(`^arn:aws:s3:::\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-log-archive\\.outputs\\.cross-stack-output-aws_s3_bucket${kind}_bucket_\\w+bucket\\}/$`)));
    }
    expect(selectors[2]).toEqual({
      name: "Lambda data events",
      field_selector: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::Lambda::Function"] }],
    });
  });

  it("logs only S3 data events when only S3 is asked for", () => {
    const s3Only = synthesizeStack("org-trail", loggingConfig((d) => (d.logging.dataEvents = { s3: true })));
    expect(s3Only.resource("aws_cloudtrail", "org_trail").advanced_event_selector.map((s: { name: string }) => s.name)).toEqual([
      "Management events, read and write", "S3 data events, except on the log archive",
    ]);
  });
});

describe("org-trail stack: CloudWatch Logs delivery", () => {
  it("sends the trail to a KMS-encrypted Standard log group kept one year by default, protected from destroy", () => {
    expect(stack.resource("aws_cloudwatch_log_group", "trail_log_group")).toMatchObject({
      name: "/kestrel-lz/cloudtrail",
      retention_in_days: 365,
      kms_key_id: keyRef(),
      log_group_class: "STANDARD",
      lifecycle: { prevent_destroy: true },
    });
    expect(trail()).toMatchObject({
      cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.trail_log_group.arn}:*",
      cloud_watch_logs_role_arn: "${aws_iam_role.trail_logs_role.arn}",
      depends_on: ["aws_iam_role_policy.trail_logs_role_policy"],
    });
  });

  it("takes the log group retention from config", () => {
    const longer = synthesizeStack("org-trail", loggingConfig((d) => (d.logging.cloudWatchLogsRetentionDays = 731)));
    expect(longer.resource("aws_cloudwatch_log_group", "trail_log_group").retention_in_days).toBe(731);
  });

  it("uses a role named by the naming contract that only CloudTrail assumes", () => {
    const role = stack.resource("aws_iam_role", "trail_logs_role");
    expect(role.name).toBe("kestrel-lz-cloudtrail-logs");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("lets the role write only the trail's log streams in its one log group", () => {
    const policy = stack.resource("aws_iam_role_policy", "trail_logs_role_policy");
    expect(policy.role).toBe("${aws_iam_role.trail_logs_role.name}");
    expect(JSON.parse(policy.policy).Statement).toEqual([{
      Sid: "AWSCloudTrailDeliverToLogGroup",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [
        `${LOG_GROUP_ARN}:log-stream:${MANAGEMENT_ID}_CloudTrail_eu-west-2*`,
        `${LOG_GROUP_ARN}:log-stream:${ORG_ID_REF}_*`,
      ],
    }]);
  });
});

describe("org-trail stack: the management account's logging key", () => {
  it("rotates, has a 30-day deletion window and is protected from destroy", () => {
    expect(findResource(stack, "aws_kms_key", () => true).resource).toMatchObject({
      enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true },
    });
    expect(Object.values(stack.resources("aws_kms_alias")).map((a) => a.name)).toEqual(["alias/kestrel-lz-management-logging"]);
  });

  it("lets CloudWatch Logs use it only for the trail's log group", () => {
    expect(statement(keyPolicy(), "AllowCloudWatchLogsForTheTrailLogGroup")).toEqual({
      Sid: "AllowCloudWatchLogsForTheTrailLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-2.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": LOG_GROUP_ARN } },
    });
  });

  it("lets CloudWatch alarms publish to the encrypted topic, and EventBridge (any account's) not use the key at all", async () => {
    expect(statement(keyPolicy(), "AllowAlarmsToPublishToTheEncryptedTopic")).toEqual({
      Sid: "AllowAlarmsToPublishToTheEncryptedTopic",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": TOPIC_ARN } },
    });
    const key = `arn:aws:kms:eu-west-2:${MANAGEMENT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    // Only for the security alarm topic (the condition above). The IAM simulator ignores kms:EncryptionContext:*
    // keys (it lists them as ignored context keys), so the statement itself is the check here.
    expect(await decide(keyPolicy(), {
      principal: "events.amazonaws.com", action: "kms:GenerateDataKey", resource: key, accountId: MANAGEMENT_ID, context: { "aws:SourceAccount": LOG_ARCHIVE_ID },
    })).toBe("ImplicitlyDenied");
  });

  it("is managed by the management account's IAM policies and grants nothing else", () => {
    expect(statement(keyPolicy(), "EnableIamPoliciesOfTheKeyAccount").Principal).toEqual({ AWS: `arn:aws:iam::${MANAGEMENT_ID}:root` });
    expect(JSON.parse(keyPolicy()).Statement).toHaveLength(3);
  });
});

describe("org-trail stack: the security alarm topic", () => {
  it("has the naming contract's name, so other stacks can target it by ARN, and is encrypted with the logging key", () => {
    expect(stack.resource("aws_sns_topic", "security_alarm_topic")).toMatchObject({ name: "kestrel-lz-security-alarms", kms_master_key_id: keyRef() });
    expect(new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" }).securityAlarmTopicArn(MANAGEMENT_ID)).toBe(TOPIC_ARN);
    expect(stack.resource("aws_sns_topic_policy", "security_alarm_topic_policy").arn).toBe("${aws_sns_topic.security_alarm_topic.arn}");
  });

  it("lets the management account's alarms (home Region) publish, and has no statement for EventBridge", () => {
    expect(statement(topicPolicy(), "CloudWatchAlarmsPublish")).toEqual({
      Sid: "CloudWatchAlarmsPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: TOPIC_ARN,
      Condition: { StringEquals: { "aws:SourceAccount": MANAGEMENT_ID }, ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:eu-west-2:${MANAGEMENT_ID}:alarm:*` } },
    });
    expect(JSON.stringify(topicPolicy())).not.toContain("events.amazonaws.com");
  });

  it("refuses EventBridge rules of any other account: the landing zone's rules publish with a role of the management account", async () => {
    const publish = (principal: string, sourceAccount: string) => decide(topicPolicy(), {
      principal, action: "sns:Publish", resource: TOPIC_ARN, accountId: MANAGEMENT_ID,
      context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": `arn:aws:events:eu-west-2:${sourceAccount}:rule/x`, "aws:SecureTransport": "true" },
    }, "sns:Publish");
    expect(await publish("events.amazonaws.com", "999999999999")).toBe("ImplicitlyDenied");
    expect(await publish("events.amazonaws.com", MANAGEMENT_ID)).toBe("ImplicitlyDenied");
    // The publisher role is of the management account, whose IAM policies the topic owner statement trusts.
    expect(await publish(`arn:aws:iam::${MANAGEMENT_ID}:role/kestrel-lz-events-publish-alarms`, MANAGEMENT_ID)).toBe("Allowed");
    expect(await publish("arn:aws:iam::999999999999:role/kestrel-lz-events-publish-alarms", "999999999999")).toBe("ImplicitlyDenied");
  });

  it("accepts an alarm of the management account, refuses another account's alarm, and plain HTTP", async () => {
    const publish = (principal: string, sourceAccount: string, sourceArn: string, secure = "true") => decide(topicPolicy(), {
      principal, action: "sns:Publish", resource: TOPIC_ARN, accountId: MANAGEMENT_ID,
      context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn, "aws:SecureTransport": secure },
    });
    expect(await publish("cloudwatch.amazonaws.com", MANAGEMENT_ID, `arn:aws:cloudwatch:eu-west-2:${MANAGEMENT_ID}:alarm:kestrel-lz-cis-4.3-root-usage`)).toBe("Allowed");
    expect(await publish("cloudwatch.amazonaws.com", LOG_ARCHIVE_ID, `arn:aws:cloudwatch:eu-west-2:${LOG_ARCHIVE_ID}:alarm:x`)).toBe("ImplicitlyDenied");
    expect(await publish("cloudwatch.amazonaws.com", MANAGEMENT_ID, `arn:aws:cloudwatch:eu-west-2:${MANAGEMENT_ID}:alarm:x`, "false")).toBe("ExplicitlyDenied");
  });

  it("subscribes every security contact by email, keyed by address", () => {
    const two = synthesizeStack("org-trail", loggingConfig((d) => (d.logging.securityContacts = ["soc@kestrel.example.org", "ciso@kestrel.example.org"])));
    expect(two.resources("aws_sns_topic_subscription")).toEqual({
      security_contact_soc_kestrel_example_org: expect.objectContaining({ protocol: "email", endpoint: "soc@kestrel.example.org", topic_arn: "${aws_sns_topic.security_alarm_topic.arn}" }),
      security_contact_ciso_kestrel_example_org: expect.objectContaining({ protocol: "email", endpoint: "ciso@kestrel.example.org", topic_arn: "${aws_sns_topic.security_alarm_topic.arn}" }),
    });
  });
});

describe("apply order", () => {
  it("gives both stacks their own state", () => {
    expect(stack.json.terraform.backend).toEqual({ local: { path: "../../../terraform.org-trail.tfstate" } });
    expect(synthesizeStack("log-archive", loggingConfig()).json.terraform.backend).toEqual({ local: { path: "../../../terraform.log-archive.tfstate" } });
  });

  // Which stack reads which stack's state, for created and adopted accounts: landing-zone-stack.test.ts (whole app).
});
