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

const OTHER_ORG = "o-attacker000";

/**
 * A request through a VPC endpoint by a principal whose own policies allow everything, to a resource owned by an
 * account of `resourceOrg` (null: an account in no organisation, such as AWS's own).
 */
async function throughEndpoint(service: string, principalOrg: string, action: string, resource: string, resourceOrg: string | null = principalOrg): Promise<string> {
  const account = principalOrg === ORG ? ACCOUNT : "999999999999";
  const result = await runSimulation({
    request: {
      principal: `arn:aws:iam::${account}:role/app`,
      action,
      resource: { resource, accountId: resourceOrg === ORG ? ACCOUNT : "999999999999" },
      contextVariables: { "aws:PrincipalOrgID": principalOrg, ...(resourceOrg === null ? {} : { "aws:ResourceOrgID": resourceOrg }) },
    },
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    // A resource policy that lets anyone in, so only the endpoint policy decides.
    resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] },
    vpcEndpointPolicies: [{ name: service, policy: endpointPolicy(service, ORG, REGION) }],
  }, {});
  return decision(result);
}

describe("VPC endpoint policies (simulated)", () => {
  it("let the organisation's principals use the organisation's buckets, and no one else's", async () => {
    expect(await throughEndpoint("s3", ORG, "s3:PutObject", "arn:aws:s3:::our-bucket/key")).toBe("Allowed");
    expect(await throughEndpoint("s3", ORG, "s3:GetObject", "arn:aws:s3:::our-bucket/key")).toBe("Allowed");
    // Exfiltration with the organisation's own credentials: a write to, or a read from, a bucket of another organisation.
    expect(await throughEndpoint("s3", ORG, "s3:PutObject", "arn:aws:s3:::attacker-bucket/key", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("s3", ORG, "s3:GetObject", "arn:aws:s3:::attacker-bucket/key", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("s3", ORG, "s3:PutObject", "arn:aws:s3:::lone-account-bucket/key", null)).toBe("ImplicitlyDenied");
    // Another organisation's credentials, on their bucket or ours.
    expect(await throughEndpoint("s3", OTHER_ORG, "s3:PutObject", "arn:aws:s3:::attacker-bucket/key")).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("s3", OTHER_ORG, "s3:ListBucket", "arn:aws:s3:::attacker-bucket")).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("s3", OTHER_ORG, "s3:GetObject", "arn:aws:s3:::our-bucket/key", ORG)).toBe("ImplicitlyDenied");
  });

  it("let anyone read the AWS-owned buckets workloads need (package repositories, SSM Agent, ECR layers), and only read them", async () => {
    for (const bucket of ["al2023-repos-eu-west-2-de612dc2", "amazonlinux-2-repos-eu-west-2", "amazon-ssm-eu-west-2", "aws-ssm-eu-west-2", "eu-west-2-birdwatcher-prod", "patch-baseline-snapshot-eu-west-2", "prod-eu-west-2-starport-layer-bucket"]) {
      expect([bucket, await throughEndpoint("s3", ORG, "s3:GetObject", `arn:aws:s3:::${bucket}/object`, null)]).toEqual([bucket, "Allowed"]);
      expect([bucket, await throughEndpoint("s3", ORG, "s3:PutObject", `arn:aws:s3:::${bucket}/object`, null)]).toEqual([bucket, "ImplicitlyDenied"]);
    }
    // Presigned ECR layer URLs are signed by ECR, not by a principal of the organisation.
    expect(await throughEndpoint("s3", OTHER_ORG, "s3:GetObject", "arn:aws:s3:::prod-eu-west-2-starport-layer-bucket/layer", null)).toBe("Allowed");
    // Only the home Region's buckets.
    expect(await throughEndpoint("s3", ORG, "s3:GetObject", "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/layer", null)).toBe("ImplicitlyDenied");
  });

  it("keep DynamoDB and KMS inside the organisation, both principal and resource", async () => {
    const table = "arn:aws:dynamodb:eu-west-2:999999999999:table/t";
    expect(await throughEndpoint("dynamodb", ORG, "dynamodb:PutItem", table, ORG)).toBe("Allowed");
    expect(await throughEndpoint("dynamodb", ORG, "dynamodb:PutItem", table, OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("dynamodb", OTHER_ORG, "dynamodb:PutItem", table, ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("kms", ORG, "kms:Encrypt", "arn:aws:kms:eu-west-2:999999999999:key/k", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("kms", OTHER_ORG, "kms:Encrypt", "arn:aws:kms:eu-west-2:999999999999:key/k")).toBe("ImplicitlyDenied");
  });

  it("let the organisation's principals use AWS-owned SSM documents and public parameters, and nothing else outside it", async () => {
    // The simulator cannot evaluate account-less ARNs (AWS-owned documents), so the exception is checked as written.
    expect(endpointPolicy("ssm", ORG, REGION).Statement[1]).toEqual({
      Sid: "OrganisationPrincipalsUseAwsOwnedDocumentsAndParameters", Effect: "Allow", Principal: "*",
      Action: ["ssm:Describe*", "ssm:List*", "ssm:Get*", "ssm:SendCommand", "ssm:CreateAssociation", "ssm:StartSession"],
      Resource: ["arn:aws:ssm:eu-west-2::parameter/aws/*", "arn:aws:ssm:eu-west-2::document/*"],
      Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } },
    });
    expect(await throughEndpoint("ssm", ORG, "ssm:PutParameter", "arn:aws:ssm:eu-west-2:999999999999:parameter/stolen", OTHER_ORG)).toBe("ImplicitlyDenied");
    expect(await throughEndpoint("ssm", ORG, "ssm:PutParameter", "arn:aws:ssm:eu-west-2:333333333333:parameter/ours", ORG)).toBe("Allowed");
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
