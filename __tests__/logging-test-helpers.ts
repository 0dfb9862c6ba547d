import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { LandingZoneConfig } from "../src/config/schema";
import type { PolicyDocument } from "../src/policies/document";
import { configFromData, exampleConfigData, type SynthesizedStack } from "./helpers";
import { synthesizeStackAlone } from "./support/one-stack";

/** The log archive account of the logging tests: adopted, so its id (and so every bucket name) is a literal. */
export const LOG_ARCHIVE_ID = "333333333333";
export const MANAGEMENT_ID = "111111111111";
export const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-2:111111111111:trail/kestrel-lz-org-trail";
/** The organisation id as the log-archive and org-trail stacks see it: the example adopts its organization (literal id). */
export const ORG_ID_REF = "o-kestrelciv1";
export const AUDITOR = "arn:aws:iam::444444444444:role/security-auditor";

export const bucketName = (kind: string): string => `kestrel-lz-${kind}-${LOG_ARCHIVE_ID}-eu-west-2`;

/** The example config with the log archive account adopted, changed further by `mutate`. */
export function loggingConfig(mutate: (data: Record<string, any>) => void = () => undefined): LandingZoneConfig {
  const data = exampleConfigData();
  const logArchive = data.accounts.find((a: { purpose: string }) => a.purpose === "log-archive");
  logArchive.id = LOG_ARCHIVE_ID;
  mutate(data);
  return configFromData(data);
}

/** The log-archive or org-trail stack built alone (org-trail with the log-archive stack it reads). */
export function synthesizeStack(name: "log-archive" | "org-trail", config: LandingZoneConfig): SynthesizedStack {
  return synthesizeStackAlone(name, config);
}

/** The single resource of a type whose attributes match, failing clearly if there is not exactly one. */
export function findResource(stack: SynthesizedStack, type: string, match: (resource: Record<string, any>) => boolean): { address: string; resource: Record<string, any> } {
  const found = Object.entries(stack.resources(type)).filter(([, resource]) => match(resource));
  if (found.length !== 1) throw new Error(`expected one ${type} matching, found ${found.length}`);
  const [name, resource] = found[0] as [string, Record<string, any>];
  return { address: `${type}.${name}`, resource };
}

/** The statement with this Sid, failing clearly if absent. */
export function statement(policy: PolicyDocument | string, sid: string): Record<string, any> {
  const document = typeof policy === "string" ? JSON.parse(policy) : policy;
  const found = document.Statement.find((s: { Sid: string }) => s.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}; has ${document.Statement.map((s: { Sid: string }) => s.Sid).join(", ")}`);
  return found;
}

/** Evaluates one request against a resource policy alone (no identity policies) with a real IAM engine. */
export async function decide(
  resourcePolicy: string,
  request: { principal: string; action: string; resource: string; accountId: string; context: Record<string, string | string[] | undefined> },
  /** For a role of another account: what its own identity policy allows (cross-account access needs both sides). */
  identityAllows?: string,
): Promise<string> {
  const response = await runSimulation({
    identityPolicies: identityAllows === undefined
      ? []
      : [{ name: "identity", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: identityAllows, Resource: "*" }] } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: JSON.parse(resourcePolicy),
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.accountId },
      // AWS sets aws:PrincipalIsAWSService on every signed request: true for a service principal, false otherwise.
      // A key given as undefined is left out of the request.
      contextVariables: Object.fromEntries(
        Object.entries<string | string[] | undefined>({ "aws:PrincipalIsAWSService": /^[a-z0-9.-]+\.amazonaws\.com$/.test(request.principal) ? "true" : "false", ...request.context })
          .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined),
      ),
    },
  }, {});
  if (response.resultType === "error") throw new Error(`simulation error: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** What an auditor may do on a log bucket, spelled out independently of the code under test. */
export const AUDITOR_READ_ACTIONS_FOR_TEST = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation"];
