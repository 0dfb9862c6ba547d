import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { Naming } from "../naming";
import { CIS_ALARM, CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, type CisMetricFilter } from "../detective/cis-metric-filters";

export interface CisAlarmsProps {
  readonly naming: Naming;
  /** The log group the organisation trail delivers to. */
  readonly logGroupName: string;
  /** The topic every alarm notifies. */
  readonly topicArn: string;
  /**
   * The filters to create.
   * @default CIS_METRIC_FILTERS: all of CIS v3.0.0 section 4
   */
  readonly filters?: readonly CisMetricFilter[];
}

/** A metric filter and an alarm for every CIS section 4 recommendation, on one log group, notifying one topic. */
export class CisAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    this.alarms = (props.filters ?? CIS_METRIC_FILTERS).map((filter) => {
      const name = props.naming.cisAlarmName(filter.id, filter.name);
      // Construct ids are state addresses: keyed by the CIS number, which never changes.
      const key = filter.id.replace(".", "_");
      new CloudwatchLogMetricFilter(this, `filter_${key}`, {
        name,
        logGroupName: props.logGroupName,
        pattern: filter.pattern,
        metricTransformation: { name, namespace: CIS_METRIC_NAMESPACE, value: "1" },
      });
      return new CloudwatchMetricAlarm(this, `alarm_${key}`, {
        alarmName: name,
        alarmDescription: `CIS AWS Foundations Benchmark v3.0.0 ${filter.id}: ${filter.why}`,
        namespace: CIS_METRIC_NAMESPACE,
        metricName: name,
        ...CIS_ALARM,
        alarmActions: [props.topicArn],
      });
    });
  }
}
