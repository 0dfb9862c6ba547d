import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { Construct } from "constructs";
import type { Naming } from "../naming";
import { terraformName } from "../terraform/name";

/** AWS Config's service principal: its service-linked role and the principal the log archive's policies admit. */
export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";

export interface ConfigRecorderProps {
  readonly naming: Naming;
  /** The Region that records the global IAM resource types (organization.homeRegion). */
  readonly homeRegion: string;
  /**
   * Every Region the account may use (its allowed Regions, home included). Config has one recorder per account and
   * Region and no organisation-wide recorder, so each allowed Region gets its own; Regions the region deny closes
   * can hold no resources to record.
   */
  readonly regions: readonly string[];
  /** The log archive's AWS Config bucket (in the home Region; Config delivers across Regions and accounts). */
  readonly bucketName: string;
  /** The log archive key: Config encrypts what it delivers with it. Must be in the bucket's Region. */
  readonly kmsKeyArn: string;
}

/** One Region's recorder, delivery channel and recording switch. */
export interface RegionalRecorder {
  readonly region: string;
  readonly recorder: ConfigConfigurationRecorder;
  readonly deliveryChannel: ConfigDeliveryChannel;
  readonly status: ConfigConfigurationRecorderStatus;
}

/**
 * AWS Config in one account: a recorder of every supported resource type in each allowed Region, delivering to the
 * log archive's Config bucket, and switched on. Global IAM resource types (users, groups, roles, customer managed
 * policies) are recorded in the home Region only: AWS records them in every Region where includeGlobalResourceTypes
 * is set, which would only duplicate each configuration item (and its cost) per Region (AWS Config API reference,
 * RecordingGroup: https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html).
 *
 * The recorder uses the service-linked role AWSServiceRoleForConfig, never a customer role: the log archive's bucket
 * denies writes by anything but an AWS service principal (policies/log-archive.ts,
 * denyLogWritesByNonServicePrincipals), and with its service-linked role Config delivers as config.amazonaws.com,
 * which the bucket and key admit for this organisation's accounts (aws:SourceOrgID). An SCP cannot restrict a
 * service-linked role (AWS Organizations UG, SCPs), so the guardrails cannot stop Config reading resources either.
 */
export class ConfigRecorder extends Construct {
  readonly serviceLinkedRole: IamServiceLinkedRole;
  readonly regional: readonly RegionalRecorder[];

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    if (!props.regions.includes(props.homeRegion))
      throw new Error(`internal error (a bug): the Config recorder's Regions (${props.regions.join(", ")}) leave out the home Region ${props.homeRegion}`);

    // One per account, global (IAM). AWS creates it only through the console or PutServiceLinkedConfigurationRecorder;
    // an account that already has it (Config enabled by hand before) needs it imported (README: manual steps).
    this.serviceLinkedRole = new IamServiceLinkedRole(this, "service_linked_role", {
      awsServiceName: CONFIG_SERVICE_PRINCIPAL,
      description: "AWS Config records this account's resources and delivers to the log archive",
    });

    this.regional = props.regions.map((region) => this.recordIn(region, props));
  }

  /** The recorder, delivery channel and status of one Region, in the order AWS requires. */
  private recordIn(region: string, props: ConfigRecorderProps): RegionalRecorder {
    const suffix = terraformName(region).replace(/-/g, "_");
    const recorder = new ConfigConfigurationRecorder(this, `recorder_${suffix}`, {
      region,
      name: props.naming.configRecorderName,
      roleArn: this.serviceLinkedRole.arn,
      recordingGroup: {
        // Every current and future supported resource type (ALL_SUPPORTED_RESOURCE_TYPES).
        allSupported: true,
        includeGlobalResourceTypes: region === props.homeRegion,
      },
      recordingMode: { recordingFrequency: "CONTINUOUS" },
    });
    // No s3_key_prefix: Config then writes AWSLogs/<account>/Config/<region>/…, exactly the objects the Config bucket
    // policy admits (policies/log-archive.ts, configBucketPolicy). A prefix would put them outside it.
    // A delivery channel needs its Region's recorder to exist first (AWS::Config::DeliveryChannel, CloudFormation
    // reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-deliverychannel.html).
    const deliveryChannel = new ConfigDeliveryChannel(this, `delivery_channel_${suffix}`, {
      region,
      name: props.naming.configDeliveryChannelName,
      s3BucketName: props.bucketName,
      s3KmsKeyArn: props.kmsKeyArn,
      dependsOn: [recorder],
    });
    // Recording starts only with somewhere to deliver to (StartConfigurationRecorder needs a delivery channel).
    const status = new ConfigConfigurationRecorderStatus(this, `recorder_status_${suffix}`, {
      region,
      name: recorder.name,
      isEnabled: true,
      dependsOn: [deliveryChannel],
    });
    return { region, recorder, deliveryChannel, status };
  }
}
