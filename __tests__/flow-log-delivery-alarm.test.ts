import { LOG_ARCHIVE_ID, bucketName, decide, findResource, loggingConfig, statement, synthesizeStack } from "./logging-test-helpers";
import type { SynthesizedStack } from "./helpers";

/** The log archive account's own alarm topic: same name as the management account's, so the guardrails cover it. */
const TOPIC_ARN = `arn:aws:sns:eu-west-2:${LOG_ARCHIVE_ID}:kestrel-lz-security-alarms`;
const KEY_ARN = `arn:aws:kms:eu-west-2:${LOG_ARCHIVE_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_ACCOUNT = "999999999999";
const alarmArn = (account: string, name = "kestrel-lz-flow-log-delivery-stopped") => `arn:aws:cloudwatch:eu-west-2:${account}:alarm:${name}`;

let stack: SynthesizedStack;
beforeAll(() => {
  // The example config: voting-prod and voting-nonprod have a network section.
  stack = synthesizeStack("log-archive", loggingConfig());
});

const only = (type: string): { address: string; resource: Record<string, any> } => findResource(stack, type, () => true);
const alarmKey = () => findResource(stack, "aws_kms_key", (k) => /security alarm topic/.test(k.description));
const topicPolicy = () => only("aws_sns_topic_policy").resource.policy as string;

describe("flow-log delivery alarm: what it watches", () => {
  it("counts requests on the flow-log prefix of the flow-log bucket with an S3 request metrics configuration", () => {
    const flowLogBucket = findResource(stack, "aws_s3_bucket", (b) => b.bucket === bucketName("flow-logs")).address;
    expect(only("aws_s3_bucket_metric").resource).toMatchObject({
      bucket: `\${${flowLogBucket}.bucket}`,
      name: "kestrel-lz-flow-log-deliveries",
      // Both layouts the bucket policy admits (AWSLogs/aws-account-id=<account>/ and AWSLogs/<account>/) start here.
      filter: { prefix: "AWSLogs/" },
    });
  });

  it("alarms on delivered files (PutRequests less failed requests) in AWS/S3 by BucketName and FilterId, below 1 for an hour, missing data breaching", () => {
    const { resource: alarm } = only("aws_cloudwatch_metric_alarm");
    const metrics = only("aws_s3_bucket_metric");
    const flowLogBucket = findResource(stack, "aws_s3_bucket", (b) => b.bucket === bucketName("flow-logs")).address;
    const dimensions = { BucketName: `\${${flowLogBucket}.bucket}`, FilterId: `\${${metrics.address}.name}` };
    const query = (id: string, metricName: string) => ({
      id, return_data: false, metric: { namespace: "AWS/S3", metric_name: metricName, dimensions, period: 900, stat: "Sum" },
    });
    expect(alarm.metric_query).toEqual([
      query("puts", "PutRequests"),
      query("client_errors", "4xxErrors"),
      query("server_errors", "5xxErrors"),
      { id: "delivered", label: "Flow-log files delivered", expression: "FILL(puts, 0) - FILL(client_errors, 0) - FILL(server_errors, 0)", return_data: true },
    ]);
    expect(alarm).toMatchObject({
      alarm_name: "kestrel-lz-flow-log-delivery-stopped",
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      evaluation_periods: 4,
      datapoints_to_alarm: 4,
      // S3 sends no PutRequests datapoint when nothing is written: a stop must read as breaching, not as OK.
      treat_missing_data: "breaching",
    });
    // Four 15-minute periods: longer than flow logs' 5-minute delivery interval, within the hour.
    expect(alarm.evaluation_periods * 900).toBe(3600);
    expect(alarm.metric_name).toBeUndefined();
  });

  it("notifies the log archive account's own security alarm topic when it fires and when deliveries resume", () => {
    const topic = `\${${only("aws_sns_topic").address}.arn}`;
    expect(only("aws_cloudwatch_metric_alarm").resource).toMatchObject({ alarm_actions: [topic], ok_actions: [topic] });
  });

  it("is not created without a network section anywhere: no VPC delivers, so it could only fire", () => {
    const none = synthesizeStack("log-archive", loggingConfig((data) => {
      for (const account of data.accounts) delete account.network;
    }));
    for (const type of ["aws_s3_bucket_metric", "aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription"])
      expect([type, Object.keys(none.resources(type))]).toEqual([type, []]);
    expect(Object.values(none.resources("aws_kms_alias")).map((a) => a.name)).toEqual(["alias/kestrel-lz-log-archive"]);
  });
});

describe("flow-log delivery alarm: the log archive account's alarm topic", () => {
  it("has the security alarm topic's name (protected by the ProtectAlarmTopic guardrail) and its own customer managed key", () => {
    expect(only("aws_sns_topic").resource).toMatchObject({ name: "kestrel-lz-security-alarms", kms_master_key_id: `\${${alarmKey().address}.arn}` });
    expect(only("aws_sns_topic_policy").resource.arn).toBe(`\${${only("aws_sns_topic").address}.arn}`);
    expect(alarmKey().resource).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(Object.values(stack.resources("aws_kms_alias"))).toContainEqual(
      expect.objectContaining({ name: "alias/kestrel-lz-log-archive-alarms", target_key_id: `\${${alarmKey().address}.key_id}` }),
    );
  });

  it("subscribes every security contact by email, keyed by address", () => {
    const two = synthesizeStack("log-archive", loggingConfig((d) => (d.logging.securityContacts = ["soc@kestrel.example.org", "ciso@kestrel.example.org"])));
    const topic = `\${${findResource(two, "aws_sns_topic", () => true).address}.arn}`;
    expect(two.resources("aws_sns_topic_subscription")).toEqual({
      security_contact_soc_kestrel_example_org: expect.objectContaining({ protocol: "email", endpoint: "soc@kestrel.example.org", topic_arn: topic }),
      security_contact_ciso_kestrel_example_org: expect.objectContaining({ protocol: "email", endpoint: "ciso@kestrel.example.org", topic_arn: topic }),
    });
  });

  it("topic policy: this account's alarms may publish over TLS; another account's alarms, EventBridge and plain HTTP may not", async () => {
    const publish = (principal: string, sourceAccount: string, sourceArn: string, secure = "true") => decide(topicPolicy(), {
      principal, action: "sns:Publish", resource: TOPIC_ARN, accountId: LOG_ARCHIVE_ID,
      context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn, "aws:SecureTransport": secure },
    });
    expect(await publish("cloudwatch.amazonaws.com", LOG_ARCHIVE_ID, alarmArn(LOG_ARCHIVE_ID))).toBe("Allowed");
    expect(await publish("cloudwatch.amazonaws.com", OTHER_ACCOUNT, alarmArn(OTHER_ACCOUNT))).toBe("ImplicitlyDenied");
    expect(await publish("cloudwatch.amazonaws.com", LOG_ARCHIVE_ID, "arn:aws:cloudwatch:us-east-1:" + LOG_ARCHIVE_ID + ":alarm:x")).toBe("ImplicitlyDenied");
    expect(await publish("events.amazonaws.com", LOG_ARCHIVE_ID, `arn:aws:events:eu-west-2:${LOG_ARCHIVE_ID}:rule/x`)).toBe("ImplicitlyDenied");
    expect(await publish("cloudwatch.amazonaws.com", LOG_ARCHIVE_ID, alarmArn(LOG_ARCHIVE_ID), "false")).toBe("ExplicitlyDenied");
    expect(statement(topicPolicy(), "TopicOwnerManages").Principal).toEqual({ AWS: `arn:aws:iam::${LOG_ARCHIVE_ID}:root` });
  });

  it("key policy: CloudWatch may use the key only to publish to this topic; other services may not, nor change the key", async () => {
    const policy = alarmKey().resource.policy as string;
    // Which alarms may publish is the topic policy's job (above); the key admits CloudWatch only for this topic. The IAM
    // simulator ignores kms:EncryptionContext:* keys, so the statement itself is the check for that condition.
    expect(statement(policy, "AllowOwnAlarmsToPublishToTheEncryptedTopic")).toEqual({
      Sid: "AllowOwnAlarmsToPublishToTheEncryptedTopic",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:aws:sns:eu-west-2:${LOG_ARCHIVE_ID}:kestrel-lz-security-alarms` } },
    });
    const use = (principal: string, action: string) => decide(policy, { principal, action, resource: KEY_ARN, accountId: LOG_ARCHIVE_ID, context: {} });
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
      expect([action, await use("events.amazonaws.com", action)]).toEqual([action, "ImplicitlyDenied"]);
    }
    // Publishing needs a data key, never a way to change the key.
    expect(await use("cloudwatch.amazonaws.com", "kms:PutKeyPolicy")).toBe("ImplicitlyDenied");
    expect(JSON.parse(policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["EnableIamPoliciesOfTheKeyAccount", "AllowOwnAlarmsToPublishToTheEncryptedTopic"]);
  });

  it("leaves the log archive key alone: it still admits no CloudWatch principal", () => {
    const logKey = findResource(stack, "aws_kms_key", (k) => /CloudTrail, AWS Config and VPC flow logs/.test(k.description)).resource.policy as string;
    expect(logKey).not.toContain("cloudwatch.amazonaws.com");
  });
});
