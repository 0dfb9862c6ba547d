import type { CloudtrailAdvancedEventSelector } from "@cdktf/provider-aws/lib/cloudtrail";
import { bucketArn } from "../policies/log-archive";

/** Which data events the organisation trail records besides management events; the landing zone config satisfies it. */
export interface OrgTrailEventsInput {
  readonly logging: {
    readonly dataEvents: {
      /** S3 object-level events (not on the log archive's own buckets). */
      readonly s3: boolean;
      /** Lambda function invocations. */
      readonly lambda: boolean;
    };
  };
}

/**
 * The trail's event selectors. Management events, read and write, always; S3 object and Lambda invocation data
 * events when config asks, S3 except on the log archive's buckets.
 */
export function orgTrailEventSelectors(config: OrgTrailEventsInput, logArchiveBucketNames: readonly string[]): CloudtrailAdvancedEventSelector[] {
  const selectors: CloudtrailAdvancedEventSelector[] = [
    // With advanced selectors a trail logs management events only if a selector asks; no readOnly field = both.
    { name: "Management events, read and write", fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }] },
  ];
  if (config.logging.dataEvents.s3) {
    selectors.push({
      name: "S3 data events, except on the log archive",
      fieldSelector: [
        { field: "eventCategory", equalTo: ["Data"] },
        { field: "resources.type", equalTo: ["AWS::S3::Object"] },
        // Object ARNs: the trailing slash matches the bucket's objects and not a bucket whose name starts the same.
        { field: "resources.ARN", notStartsWith: logArchiveBucketNames.map((name) => `${bucketArn(name)}/`) },
      ],
    });
  }
  if (config.logging.dataEvents.lambda) {
    selectors.push({
      name: "Lambda data events",
      fieldSelector: [
        { field: "eventCategory", equalTo: ["Data"] },
        { field: "resources.type", equalTo: ["AWS::Lambda::Function"] },
      ],
    });
  }
  return selectors;
}
