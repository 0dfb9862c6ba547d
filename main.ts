import "./src/synth/fast-start";
import { App } from "cdktf";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LandingZoneError } from "./src/errors";
import { loadConfig } from "./src/config/load";
import type { LandingZoneConfig } from "./src/config/schema";
import { synthesizeAtomically } from "./src/synth/atomic-outdir";
import { AccountStack } from "./stacks/account-stack";
import { assignmentShardStacks } from "./stacks/identity-assignments-stack";
import { IdentityStack } from "./stacks/identity-stack";
import { LogArchiveStack } from "./stacks/log-archive-stack";
import { OrganizationStack } from "./stacks/organization-stack";
import { OrgTrailStack } from "./stacks/org-trail-stack";
import { PipelineStack } from "./stacks/pipeline-stack";
import { useDynamicCredentials } from "./src/pipeline/dynamic-credentials";
import { crossStackDependencies } from "./src/pipeline/stack-graph";

/** The landing zone's stacks and how they depend on each other; see the stack graph in the README. */
export function composeLandingZone(app: App, config: LandingZoneConfig): void {
  // Every stack sets up its own provider and backend (LandingZoneStack); this only wires them together.
  const organization = new OrganizationStack(app, config);
  const { accounts } = organization;
  // A literal when config adopts an organization, so dependent stacks need not read the organization stack's state.
  const organizationId = config.organization.id ?? organization.organization.id;

  // A suspended account gets no stack: the deny-all SCP blocks the deployment role too, so its stack could not even
  // plan. Its last applied state stays as it was; nothing is destroyed.
  const accountStacks = accounts.withStacks(config.guardrails.suspendedOu).map(
    (account) => new AccountStack(app, { config, account, logArchiveAccountId: accounts.logArchive.id, organizationId }),
  );

  // Central logging: organization → log-archive → org-trail (CloudTrail checks the bucket and key when it creates the trail).
  const logArchive = new LogArchiveStack(app, { config, organizationId, accounts });
  const orgTrail = new OrgTrailStack(app, {
    config,
    organizationId,
    cloudTrailBucketName: logArchive.buckets.cloudtrail.bucketName,
    logArchiveKeyArn: logArchive.key.arn,
    logArchiveBucketNames: Object.values(logArchive.buckets).map((bucket) => bucket.bucketName),
  });

  const identity = new IdentityStack(app, { config, accounts });
  // Account assignments in a fixed number of shards, each reading identity (and organization for created accounts).
  const assignmentShards = assignmentShardStacks(app, { config, administrator: identity.target, identity: identity.references, accountId: (name) => accounts.id(name) });

  // Terraform Cloud: every stack takes HCP Terraform dynamic credentials, and the pipeline stack creates the
  // workspaces, their roles and the run triggers along the stack graph cdktf records.
  const backend = config.backend;
  if (backend.type === "cloud") {
    const stacks = [organization, ...accountStacks, logArchive, orgTrail, identity, ...assignmentShards];
    for (const stack of stacks) useDynamicCredentials(stack);
    const pipeline = new PipelineStack(app, { config, backend, stacks, rootId: organization.rootId, organizationalUnitIds: organization.organizationalUnitIds });
    useDynamicCredentials(pipeline);
    pipeline.connect(crossStackDependencies([...stacks, pipeline]));
  }
}

/**
 * The CLI's one error boundary. A LandingZoneError (a config problem, a policy over AWS's size limit, the output
 * folder) is the user's to fix: its message is all that is printed. Anything else is a bug in the landing zone: one
 * line says so, and LANDING_ZONE_DEBUG=1 prints its stack trace (with source maps, src/synth/fast-start.ts). Either
 * way the exit code is 1 and the previous output is untouched (synthesizeAtomically).
 */
function main(): void {
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  try {
    const config = loadConfig();
    prepareOutputParent(outdir);
    synthesizeAtomically(outdir, (stagingDir) => {
      // stackTraces off: no machine-specific stack traces in the output, and a faster synth.
      // skipValidation: cdktf's only other check runs `terraform version` on the synthesizing machine (for import
      // blocks), which fails where Terraform is not installed and says nothing about the machine that plans.
      // The README states the Terraform version the output needs; every provider comes from src/providers.ts.
      const app = new App({ outdir: stagingDir, stackTraces: false, skipValidation: true });
      composeLandingZone(app, config);
      app.synth();
    });
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof LandingZoneError) {
      console.error(error.message);
      console.error(`Nothing was written; ${outdir} is unchanged.`);
      return;
    }
    if (process.env.LANDING_ZONE_DEBUG !== undefined && process.env.LANDING_ZONE_DEBUG !== "") {
      console.error(error);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`internal error (a bug): ${message.split("\n")[0] ?? ""} (nothing was written; run with LANDING_ZONE_DEBUG=1 for the stack trace)`);
  }
}

/**
 * The output folder's parent, created when missing: the staging folder is made beside the output so that the swap
 * is a rename. A parent that cannot be made (a file in the way, no permission) is the user's to fix.
 */
function prepareOutputParent(outdir: string): void {
  const parent = dirname(resolve(outdir));
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LandingZoneError(`CDKTF_OUTDIR=${outdir}: cannot create its parent folder ${parent} (${code})`);
  }
}

if (require.main === module) main();
