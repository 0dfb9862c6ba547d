import { runSimulation, type RunSimulationResults } from "@cloud-copilot/iam-simulate";
import { endpointPolicy, flowLogDeliveryPolicy, flowLogKeyPolicy, flowLogTrustPolicy } from "../src/policies/network";

const ORG = "o-abc123def4";
const ACCOUNT = "333333333333";
const REGION = "eu-west-2";
const GROUP = "/kestrel-lz/vpc-flow-logs";
/** The overall decision, or the simulator's errors (an invalid policy or request fails the test loudly). */
function decision(result: RunSimulationResults): string {
  if (result.resultType === "error") throw new Error(`simulation failed: ${JSON.stringify(result)}`);
  return result.overallResult;
}

const ALLOW_ALL = { name: "admin", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };

/** A request through a VPC endpoint by a principal whose own policies allow everything. */
async function throughEndpoint(service: string, principalOrg: string, action: string, resource: string): Promise<string> {
  // The resource is in the principal's own account, so no resource policy is needed: only the endpoint decides.
  const account = principalOrg === ORG ? ACCOUNT : "999999999999";
  const result = await runSimulation({
    request: {
      principal: `arn:aws:iam::${account}:role/app`,
      action,
      resource: { resource, accountId: account },
      contextVariables: { "aws:PrincipalOrgID": principalOrg },
    },
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    vpcEndpointPolicies: [{ name: service, policy: endpointPolicy(service, ORG) }],
  }, {});
  return decision(result);
}

describe("VPC endpoint policies (simulated)", () => {
  it("let the organisation's principals write to S3, but not a principal of another organisation", async () => {
    expect(await throughEndpoint("s3", ORG, "s3:PutObject", "arn:aws:s3:::any-bucket/key")).toBe("Allowed");
    expect(await throughEndpoint("s3", "o-attacker000", "s3:PutObject", "arn:aws:s3:::attacker-bucket/key")).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("s3", "o-attacker000", "s3:ListBucket", "arn:aws:s3:::attacker-bucket")).toBe("ImplicitlyDenied");
  });

  it("let anyone read S3 objects (AWS-owned repositories, presigned ECR layers)", async () => {
    expect(await throughEndpoint("s3", "o-attacker000", "s3:GetObject", "arn:aws:s3:::prod-eu-west-2-starport-layer-bucket/layer")).toBe("Allowed");
  });

  it("let only the organisation's principals use DynamoDB and KMS", async () => {
    const table = "arn:aws:dynamodb:eu-west-2:999999999999:table/t";
    expect(await throughEndpoint("dynamodb", ORG, "dynamodb:PutItem", table)).toBe("Allowed");
    expect(await throughEndpoint("dynamodb", "o-attacker000", "dynamodb:PutItem", table)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("kms", "o-attacker000", "kms:Encrypt", "arn:aws:kms:eu-west-2:999999999999:key/k")).toBe("ImplicitlyDenied");
  });
});

describe("flow-log delivery policies (simulated)", () => {
  const role = `arn:aws:iam::${ACCOUNT}:role/kestrel-lz-vpc-flow-logs`;

  async function assume(sourceAccount: string): Promise<string> {
    const result = await runSimulation({
      request: {
        principal: "vpc-flow-logs.amazonaws.com",
        action: "sts:AssumeRole",
        resource: { resource: role, accountId: ACCOUNT },
        contextVariables: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": `arn:aws:ec2:${REGION}:${sourceAccount}:vpc-flow-log/fl-1` },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: flowLogTrustPolicy(ACCOUNT, REGION),
    }, {});
    return decision(result);
  }

  it("let the flow-log service assume the role only for this account's flow logs", async () => {
    expect(await assume(ACCOUNT)).toBe("Allowed");
    expect(await assume("999999999999")).not.toBe("Allowed");
  });

  async function deliver(action: string, resource: string): Promise<string> {
    const result = await runSimulation({
      request: { principal: role, action, resource: { resource, accountId: ACCOUNT }, contextVariables: {} },
      identityPolicies: [{ name: "deliver", policy: flowLogDeliveryPolicy(REGION, ACCOUNT, GROUP) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, {});
    return decision(result);
  }

  it("let the role write only to the flow-log group", async () => {
    expect(await deliver("logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}:log-stream:eni-1`)).toBe("Allowed");
    expect(await deliver("logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/other:log-stream:s`)).toBe("ImplicitlyDenied");
    expect(await deliver("logs:DeleteLogGroup", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`)).toBe("ImplicitlyDenied");
  });

  it("key policy: CloudWatch Logs may use the key only for the flow-log group", () => {
    const statement = flowLogKeyPolicy(REGION, ACCOUNT, GROUP).Statement[1];
    expect(statement).toEqual({
      Sid: "CloudWatchLogsEncryptsFlowLogGroup",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-2.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-2:${ACCOUNT}:log-group:${GROUP}` } },
    });
  });
});
