import type { App } from "cdktf";
import type { LandingZoneConfig } from "./config/schema";
import { useDynamicCredentials } from "./pipeline/dynamic-credentials";
import { crossStackDependencies } from "./pipeline/stack-graph";
import { AccountStack } from "../stacks/account-stack";
import { assignmentShardStacks } from "../stacks/identity-assignments-stack";
import { IdentityStack } from "../stacks/identity-stack";
import { LogArchiveStack } from "../stacks/log-archive-stack";
import { OrganizationStack } from "../stacks/organization-stack";
import { OrgTrailStack } from "../stacks/org-trail-stack";
import { pipelineShardStacks } from "../stacks/pipeline-shard-stack";
import { PipelineStack } from "../stacks/pipeline-stack";
import { SecurityStack } from "../stacks/security-stack";

/** The landing zone's stacks and how they depend on each other; see the stack graph in the README. */
export function composeLandingZone(app: App, config: LandingZoneConfig): void {
  // Every stack sets up its own provider and backend (LandingZoneStack); this only wires them together.
  const organization = new OrganizationStack(app, config);
  const { accounts } = organization;
  // A literal when config adopts an organization, so dependent stacks need not read the organization stack's state.
  const organizationId = config.organization.id ?? organization.organization.id;

  // Central logging: organization → log-archive → org-trail (CloudTrail checks the bucket and key when it creates the
  // trail); every account stack reads the log archive key too, for AWS Config.
  const logArchive = new LogArchiveStack(app, { config, organizationId, accounts });

  // A suspended account gets no stack: the deny-all SCP blocks the deployment role too, so its stack could not even
  // plan. Its last applied state stays as it was; nothing is destroyed.
  const accountStacks = accounts.withStacks(config.guardrails.suspendedOu).map(
    (account) => new AccountStack(app, { config, account, logArchiveAccountId: accounts.logArchive.id, organizationId,
      logArchiveKeyArn: logArchive.key.arn, configBucketName: logArchive.buckets.config.bucketName }),
  );

  const orgTrail = new OrgTrailStack(app, {
    config,
    organizationId,
    cloudTrailBucketName: logArchive.buckets.cloudtrail.bucketName,
    logArchiveKeyArn: logArchive.key.arn,
    logArchiveBucketNames: Object.values(logArchive.buckets).map((bucket) => bucket.bucketName),
    configBucketName: logArchive.buckets.config.bucketName,
  });

  const identity = new IdentityStack(app, { config, accounts });
  // Account assignments in a fixed number of shards, each reading identity (and organization for created accounts).
  const assignmentShards = assignmentShardStacks(app, { config, administrator: identity.target, identity: identity.references, accountId: (name) => accounts.id(name) });

  // Security services from the audit account: organization (delegations, root id) → log-archive (GuardDuty's
  // findings bucket and key) → security.
  const security = new SecurityStack(app, {
    config,
    accounts,
    rootId: organization.rootId,
    guardDutyFindingsBucketName: logArchive.buckets.guardduty.bucketName,
    logArchiveKeyArn: logArchive.key.arn,
  });

  // Terraform Cloud: every stack takes HCP Terraform dynamic credentials; the pipeline stack creates the workspaces
  // that exist once and the pipeline shards create the account stacks' and assignment shards' (each by a hash, as the
  // assignment shards), with their roles and the run triggers along the stack graph cdktf records.
  const backend = config.backend;
  if (backend.type === "cloud") {
    const stacks = [organization, ...accountStacks, logArchive, orgTrail, identity, ...assignmentShards, security];
    for (const stack of stacks) useDynamicCredentials(stack);
    const pipeline = new PipelineStack(app, { config, backend, stacks, rootId: organization.rootId, organizationalUnitIds: organization.organizationalUnitIds });
    const pipelineShards = pipelineShardStacks(app, { config, backend, pipeline, stacks, rootId: organization.rootId });
    for (const stack of [pipeline, ...pipelineShards]) useDynamicCredentials(stack);
    pipeline.connect(crossStackDependencies([...stacks, pipeline, ...pipelineShards]));
  }
}
