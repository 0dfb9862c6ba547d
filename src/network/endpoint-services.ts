import { closestName } from "../closest-name";

/**
 * The catalogue of AWS services that offer interface VPC endpoints (com.amazonaws.<region>.<service>), as listed in
 * "AWS services that integrate with AWS PrivateLink"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html), limited to the services
 * a workload VPC commonly needs. Config names are checked against it, so a typo such as `secretmanager` is a config
 * error at synth instead of a failed apply. A service missing here can be added with its page as the source.
 *
 * `policies` says whether the landing zone attaches its organisation-only endpoint policy. It is true only where the
 * service's own documentation (or AWS's data-perimeter endpoint policy examples,
 * https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies) shows a custom
 * endpoint policy for it; AWS refuses an endpoint whose service does not accept one. Where that is not confirmed
 * (ssmmessages and ec2messages among them) the endpoint gets AWS's default policy, full access, and the
 * organisation's perimeter there rests on the principals' own policies and the RCPs.
 */
export interface EndpointService {
  /** The part after com.amazonaws.<region>. */
  readonly name: string;
  /** Attach the landing zone's endpoint policy (see above). */
  readonly policies: boolean;
}

export const INTERFACE_ENDPOINT_SERVICES: readonly EndpointService[] = [
  // Data stores and secrets.
  { name: "s3", policies: true },
  { name: "dynamodb", policies: true },
  { name: "kms", policies: true },
  { name: "secretsmanager", policies: true },
  { name: "sqs", policies: true },
  { name: "sns", policies: true },
  // Identity.
  { name: "sts", policies: true },
  // Systems Manager: Session Manager and Run Command need all three.
  { name: "ssm", policies: true },
  { name: "ssmmessages", policies: false },
  { name: "ec2messages", policies: false },
  // Compute and containers.
  { name: "ec2", policies: true },
  { name: "ecr.api", policies: true },
  { name: "ecr.dkr", policies: true },
  { name: "ecs", policies: false },
  { name: "ecs-agent", policies: false },
  { name: "ecs-telemetry", policies: false },
  { name: "eks", policies: false },
  { name: "eks-auth", policies: false },
  { name: "lambda", policies: true },
  { name: "states", policies: false },
  { name: "elasticloadbalancing", policies: false },
  { name: "autoscaling", policies: false },
  { name: "cloudformation", policies: true },
  // Observability.
  { name: "logs", policies: true },
  { name: "monitoring", policies: true },
  { name: "events", policies: true },
  { name: "xray", policies: false },
  // APIs, data and machine learning.
  { name: "execute-api", policies: true },
  { name: "rds", policies: false },
  { name: "rds-data", policies: false },
  { name: "elasticfilesystem", policies: false },
  { name: "athena", policies: false },
  { name: "glue", policies: false },
  { name: "kinesis-streams", policies: false },
  { name: "kinesis-firehose", policies: false },
  { name: "sagemaker.api", policies: false },
  { name: "sagemaker.runtime", policies: false },
  { name: "bedrock", policies: false },
  { name: "bedrock-runtime", policies: false },
  // Delivery tooling.
  { name: "codebuild", policies: false },
  { name: "codeartifact.api", policies: false },
  { name: "codeartifact.repositories", policies: false },
  { name: "backup", policies: false },
  { name: "acm-pca", policies: false },
  { name: "email-smtp", policies: false },
];

const BY_NAME = new Map(INTERFACE_ENDPOINT_SERVICES.map((service) => [service.name, service]));

export function endpointService(name: string): EndpointService | undefined {
  return BY_NAME.get(name);
}

/** Whether the landing zone attaches its endpoint policy to an endpoint of this service. */
export function supportsEndpointPolicy(name: string): boolean {
  return endpointService(name)?.policies === true;
}

/** The catalogue's closest name to an unknown one, or undefined when none is close (more than a third edited). */
export function closestEndpointService(name: string): string | undefined {
  return closestName(name, INTERFACE_ENDPOINT_SERVICES.map((service) => service.name));
}
