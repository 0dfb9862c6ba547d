import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { App } from "cdktf";
import { parse } from "yaml";
import { ciTargets } from "../src/pipeline/ci-targets";
import { loadConfig } from "../src/config/load";
import { configFromData, synthesizeLandingZone, synthesizeLandingZoneStacks } from "./helpers";

/**
 * The CI workflow (.github/workflows/landing-zone.yml) and the targets it uploads: pull requests never plan the
 * pipeline workspace (it holds the HCP Terraform team token, and workspace variables reach speculative plans), and
 * every workspace name comes from the synthesized stack's cloud block, not from a repository variable.
 */

/** The environment with required reviewers that holds TF_PLAN_TOKEN, and the one restricted to main that holds TF_API_TOKEN. */
const PLAN_ENVIRONMENT = "landing-zone-plan";
const RUN_ENVIRONMENT = "landing-zone";

const WORKFLOW_FILE = join(__dirname, "..", ".github", "workflows", "landing-zone.yml");
const workflow = parse(readFileSync(WORKFLOW_FILE, "utf8"));
const workflowText = readFileSync(WORKFLOW_FILE, "utf8");

// The verify config: cloud backend, workspacePrefix lz- (not the default landing-zone-).
let outdir: string;
let allStacks: string[];
beforeAll(() => {
  const stacks = synthesizeLandingZone(loadConfig(join(__dirname, "..", "verify", "configs", "terraform-cloud.yaml")));
  outdir = (stacks.get("organization")!.node.scope as App).outdir;
  allStacks = [...stacks.keys()];
});

describe("CI targets", () => {
  it("pull requests: every changed stack but the pipeline and its shards (their workspaces hold the team token)", () => {
    const shards = allStacks.filter((s) => /^pipeline-\d+-of-\d+$/.test(s));
    expect(shards).toHaveLength(16);
    const targets = ciTargets(outdir, "pull_request", allStacks);
    expect(targets.map((t) => t.stack)).toEqual(allStacks.filter((s) => s !== "pipeline" && !shards.includes(s)).sort());
    expect(ciTargets(outdir, "pull_request", ["pipeline", ...shards])).toEqual([]);
  });

  it("pushes to main: every changed stack, the pipeline and its shards included", () => {
    expect(ciTargets(outdir, "push", ["pipeline", "organization", "pipeline-03-of-16"]).map((t) => t.stack)).toEqual(["organization", "pipeline", "pipeline-03-of-16"]);
  });

  // No targets for stacks without a cloud block (the example, backend local): landing-zone-stack.test.ts.

  it("names each workspace as the stack's cloud block does (config prefix lz-), and ignores stacks not synthesized", () => {
    const targets = ciTargets(outdir, "push", [...allStacks, "account-gone"]);
    expect(targets).toHaveLength(allStacks.length);
    for (const target of targets) {
      expect(target).toMatchObject({ stack: target.stack, hostname: "app.terraform.io", organization: "tfc-example", workspace: `lz-${target.stack}` });
    }
  });

  it("pushes: a stack that reads another target's state gets no run of its own (the run trigger starts it after the upstream applies)", () => {
    const runs = (event: "push" | "pull_request", changed: string[]) => Object.fromEntries(ciTargets(outdir, event, changed).map((t) => [t.stack, t.createRun]));
    const accountStack = allStacks.find((s) => s.startsWith("account-"))!;
    expect(runs("push", ["organization", "log-archive", "org-trail", "pipeline"])).toEqual({ organization: true, "log-archive": false, "org-trail": false, pipeline: false });
    // Upstream not in this push: the stack's run starts now, against the applied upstream state.
    expect(runs("push", ["org-trail", "identity"])).toEqual({ "org-trail": true, identity: true });
    // Chains: org-trail reads log-archive, which reads organization; only the stack with no upstream target runs.
    expect(runs("push", ["log-archive", "org-trail"])).toEqual({ "log-archive": true, "org-trail": false });
    // Pull requests: speculative plans against the applied state, every one of them.
    expect(Object.values(runs("pull_request", allStacks)).every(Boolean)).toBe(true);
    // Every stack with no upstream in the whole app runs; every stack reading one does not, when everything changed.
    const all = runs("push", allStacks);
    expect(all.organization).toBe(true);
    expect(all[accountStack]).toBe(!/terraform_remote_state/.test(readFileSync(join(outdir, "stacks", accountStack, "cdk.tf.json"), "utf8")));
  });

  it("takes the host and organisation from the cloud block too: a Terraform Enterprise hostname reaches the uploads", () => {
    const data = parse(readFileSync(join(__dirname, "..", "verify", "configs", "terraform-cloud.yaml"), "utf8"));
    data.backend.hostname = "tfe.example.org";
    const tfe = synthesizeLandingZoneStacks(configFromData(data), (name) => name === "organization" || name === "pipeline");
    const tfeOutdir = (tfe.get("organization")!.node.scope as App).outdir;
    const targets = ciTargets(tfeOutdir, "push", ["organization", "pipeline"]);
    expect(targets.map((t) => [t.stack, t.hostname, t.organization])).toEqual([["organization", "tfe.example.org", "tfc-example"], ["pipeline", "tfe.example.org", "tfc-example"]]);
  });
});

describe("CI workflow", () => {
  const jobs: Record<string, any> = workflow.jobs;
  const uploadSteps = (job: any) => job.steps.filter((s: any) => String(s.uses ?? "").includes("/actions/upload-configuration@"));
  const runsOnPullRequests = (job: any) => !/github\.event_name == 'push'/.test(String(job.if ?? ""));

  it("computes its targets with scripts/ci-targets.ts for the event that started it", () => {
    const changed = jobs.test.steps.find((s: any) => s.id === "changed");
    expect(changed.run).toMatch(/node --import tsx scripts\/ci-targets\.ts "\$RUNNER_TEMP\/head" "\$GITHUB_EVENT_NAME"/);
    expect(jobs.test.outputs.targets).toBe("${{ steps.changed.outputs.targets }}");
  });

  it("computes targets only in a repository that uses Terraform Cloud (the variable TF_CLOUD_ORGANIZATION)", () => {
    const changed = jobs.test.steps.find((s: any) => s.id === "changed");
    expect(changed.if).toBe("vars.TF_CLOUD_ORGANIZATION != ''");
  });

  it("every upload takes its workspace and directory from those targets; no repository variable names workspaces", () => {
    const uploaders = Object.values(jobs).filter((job) => uploadSteps(job).length > 0);
    expect(uploaders.length).toBe(2);
    for (const job of uploaders) {
      expect(job.strategy.matrix.target).toBe("${{ fromJSON(needs.test.outputs.targets) }}");
      for (const step of job.steps.filter((s: any) => String(s.uses ?? "").startsWith("hashicorp/tfc-workflows-github/"))) {
        expect(step.with.workspace).toBe("${{ matrix.target.workspace }}");
        // tfci reads TF_HOSTNAME, not TF_CLOUD_HOSTNAME: the host is an input, from the cloud block.
        expect(step.with.hostname).toBe("${{ matrix.target.hostname }}");
        expect(step.with.organization).toBe("${{ matrix.target.organization }}");
      }
      expect(uploadSteps(job)[0].with.directory).toBe("cdktf.out/stacks/${{ matrix.target.stack }}");
    }
    expect(workflowText).not.toMatch(/WORKSPACE_PREFIX|TF_WORKSPACE_PREFIX|TF_CLOUD_HOSTNAME|TF_HOSTNAME/);
  });

  it("the job that runs on pull requests only plans speculatively, with the plan token, and from targets without the pipeline", () => {
    const prJobs = Object.values(jobs).filter((job) => uploadSteps(job).length > 0 && runsOnPullRequests(job));
    expect(prJobs).toHaveLength(1);
    const [plan] = prJobs;
    expect(plan.if).toMatch(/github\.event_name == 'pull_request'/);
    expect(uploadSteps(plan)[0].with.speculative).toBe(true);
    expect(plan.steps.find((s: any) => s.id === "run").with.plan_only).toBe(true);
    expect(plan.env.TF_API_TOKEN).toBe("${{ secrets.TF_PLAN_TOKEN }}");
    expect(plan.environment).toBe(PLAN_ENVIRONMENT);
    expect(plan.steps.find((s: any) => s.id === "run").if).toBeUndefined();
  });

  it("pushes create a run only for targets whose upstream is not in the same push", () => {
    expect(jobs.run.steps.find((s: any) => s.id === "run").if).toBe("matrix.target.createRun");
  });

  /**
   * A pull request from a branch of the repository runs its own edited copy of this workflow with the secrets GitHub
   * gives it, and HCP Terraform's Plan permission also allows normal configuration versions, which a later triggered
   * run would apply. So a Terraform Cloud token may reach a pull request job only through an environment with
   * required reviewers (docs/terraform-cloud.md, bootstrap step 3), and no token may be a workflow-level value.
   */
  it("no job that a pull request triggers can read a Terraform Cloud token outside the reviewed environment", () => {
    const secretsIn = (value: unknown) => [...JSON.stringify(value ?? {}).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
    expect(secretsIn(workflow.env)).toEqual([]);
    expect(Object.keys(workflow.on)).toContain("pull_request");
    const prJobs = Object.entries(jobs).filter(([, job]) => runsOnPullRequests(job));
    expect(prJobs.map(([name]) => name).sort()).toEqual(["plan", "test"]);
    for (const [name, job] of prJobs) {
      const tokens = secretsIn(job).filter((secret) => secret !== "GITHUB_TOKEN");
      if (tokens.length > 0) expect([name, job.environment]).toEqual([name, PLAN_ENVIRONMENT]);
    }
    expect(secretsIn(jobs.plan)).toEqual(["TF_PLAN_TOKEN"]);
    // Every other job with a token runs only for pushes to main, in the environment restricted to main.
    for (const [name, job] of Object.entries(jobs).filter(([, j]) => !runsOnPullRequests(j) && secretsIn(j).length > 0)) {
      expect([name, job.environment]).toEqual([name, RUN_ENVIRONMENT]);
    }
  });

  it("only pushes to main, in the protected environment, get the token that reaches the pipeline workspace", () => {
    const withRunToken = Object.values(jobs).filter((job) => JSON.stringify(job).includes("secrets.TF_API_TOKEN"));
    expect(withRunToken).toHaveLength(1);
    const [run] = withRunToken;
    expect(run.if).toMatch(/github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
    expect(run.environment).toBe(RUN_ENVIRONMENT);
  });
});

describe("CI workflow: runs that must not be lost or starved", () => {
  it("never cancels or replaces a push run: each uploads only what its own push changed", () => {
    // Pull requests share a group per ref (a newer commit replaces the older run); pushes get one group per commit.
    expect(workflow.concurrency.group).toBe("landing-zone-${{ github.event_name == 'pull_request' && github.ref || github.sha }}");
    expect(workflow.concurrency["cancel-in-progress"]).toBe("${{ github.event_name == 'pull_request' }}");
  });

  it("plans only pull requests from this repository: GitHub gives forks no secrets, environment secrets included", () => {
    expect(workflow.jobs.plan.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });
});
