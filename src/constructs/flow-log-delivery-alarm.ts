import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { S3BucketMetric } from "@cdktf/provider-aws/lib/s3-bucket-metric";
import { Construct } from "constructs";

/**
 * Every flow-log object the bucket policy admits is under this prefix: `AWSLogs/aws-account-id=<account>/…` (the
 * Hive-compatible layout the workload VPCs use) or `AWSLogs/<account>/…` (src/policies/log-archive.ts,
 * flowLogsBucketPolicy).
 */
export const FLOW_LOG_KEY_PREFIX = "AWSLogs/";

/**
 * VPC flow logs publish their files to S3 at 5-minute intervals (VPC UG, "Flow log files",
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html). The alarm looks at 15-minute periods
 * and fires after 4 of them without a delivery: one hour, twelve delivery intervals. That rides out S3 request
 * metrics' best-effort datapoints (S3 UG, "Metrics and dimensions": a minute's datapoint may come late or not at
 * all) and quiet hours of small VPCs, and still reports a total stop within the hour.
 */
export const FLOW_LOG_ALARM_PERIOD_SECONDS = 900;
export const FLOW_LOG_ALARM_EVALUATION_PERIODS = 4;

export interface FlowLogDeliveryAlarmProps {
  /** The central flow-log bucket (LogArchiveBucket.bucketName). */
  readonly bucketName: string;
  /** From Naming.flowLogDeliveryMetricsId: the FilterId dimension of the metrics. */
  readonly metricsId: string;
  /** From Naming.alarmName. */
  readonly alarmName: string;
  /** The topic the alarm notifies, in the same account and Region (CloudWatch alarm actions cannot cross accounts). */
  readonly topicArn: string;
  /**
   * Key prefix of the objects counted.
   * @default FLOW_LOG_KEY_PREFIX
   */
  readonly prefix?: string;
}

/**
 * Alarms when no flow-log file has arrived in the central bucket for an hour. AWS reports a failed flow-log
 * delivery only as the flow log's DeliverLogsStatus/DeliverLogsErrorMessage (EC2 API, FlowLog), with no event or
 * metric, so the bucket's side is watched instead, with one metric and one alarm however many accounts deliver:
 * - S3 request metrics on the flow-log prefix (an `aws_s3_bucket_metric` filter), 1-minute metrics in AWS/S3 with the
 *   dimensions BucketName and FilterId (S3 UG, "CloudWatch metrics configurations",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-configurations.html).
 * - Delivered = PutRequests − 4xxErrors − 5xxErrors: a write refused by the bucket policy, the key or Object Lock is
 *   still a request, and 4xxErrors/5xxErrors count the requests that failed (S3 UG, "Metrics and dimensions",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html). A failed read by an auditor
 *   lowers the figure too: that can only make the alarm fire, never hide a stop.
 * - S3 reports an operation's metric only when there are requests of that type (metrics-configurations, as above),
 *   so a stop shows as no data: FILL turns a missing error count into 0, and missing data counts as breaching.
 * It detects a total stop (the bucket or key policy broken, Object Lock or KMS refusing writes, the log delivery
 * service failing), not one account's VPC that stopped delivering while others still do.
 */
export class FlowLogDeliveryAlarm extends Construct {
  readonly metrics: S3BucketMetric;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: FlowLogDeliveryAlarmProps) {
    super(scope, id);
    this.metrics = new S3BucketMetric(this, "metrics", {
      bucket: props.bucketName,
      name: props.metricsId,
      filter: { prefix: props.prefix ?? FLOW_LOG_KEY_PREFIX },
    });
    const s3Metric = (queryId: string, metricName: string) => ({
      id: queryId,
      returnData: false,
      metric: {
        namespace: "AWS/S3",
        metricName,
        // The filter's id, not the resource's: the alarm then depends on the metrics configuration.
        dimensions: { BucketName: props.bucketName, FilterId: this.metrics.name },
        period: FLOW_LOG_ALARM_PERIOD_SECONDS,
        stat: "Sum",
      },
    });
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.alarmName,
      alarmDescription:
        `No VPC flow-log file has reached ${props.bucketName} for an hour: check the bucket and key policies, Object Lock and ` +
        "`aws ec2 describe-flow-logs --query 'FlowLogs[].[FlowLogId,DeliverLogsStatus,DeliverLogsErrorMessage]'` in the workload accounts (README: Central logging)",
      metricQuery: [
        s3Metric("puts", "PutRequests"),
        s3Metric("client_errors", "4xxErrors"),
        s3Metric("server_errors", "5xxErrors"),
        { id: "delivered", label: "Flow-log files delivered", expression: "FILL(puts, 0) - FILL(client_errors, 0) - FILL(server_errors, 0)", returnData: true },
      ],
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      evaluationPeriods: FLOW_LOG_ALARM_EVALUATION_PERIODS,
      datapointsToAlarm: FLOW_LOG_ALARM_EVALUATION_PERIODS,
      treatMissingData: "breaching",
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
