import { Testing, type App, type TerraformStack } from "cdktf";
import { composeLandingZone } from "../../src/landing-zone";
import type { LandingZoneConfig } from "../../src/config/schema";
import { AccountDirectory } from "../../src/stacks/account-directory";
import { AccountStack } from "../../stacks/account-stack";
import { IdentityStack } from "../../stacks/identity-stack";
import { LogArchiveStack } from "../../stacks/log-archive-stack";
import { OrganizationStack } from "../../stacks/organization-stack";
import { OrgTrailStack } from "../../stacks/org-trail-stack";
import { SecurityStack } from "../../stacks/security-stack";
import { configKey, exampleConfig, synthesized, type SynthesizedStack } from "../helpers";

/**
 * One stack of the landing zone built and synthesized alone, for tests of what that stack holds: a fraction of the
 * cost of the whole app (nine stacks, and the wiring between them). Accounts the organization stack would create get
 * literal ids (see literalAccountIds), and a created organisation the literal LITERAL_ORGANIZATION_ID, where the
 * whole app would read both from the organization stack's state; tests of that wiring use synthesizeLandingZone.
 */

/** The organisation id stacks get when config does not adopt one (the whole app reads it from the organization stack). */
export const LITERAL_ORGANIZATION_ID = "o-literal0001";

/** The organization root's id a lone security stack gets (the whole app reads it from the organization stack). */
export const LITERAL_ROOT_ID = "r-lit1";

/**
 * Every account's id as a lone stack sees it: config's id for the management account and adopted accounts (as in the
 * whole app), and for the others 2000000000NN, NN being the account's position in config (01 for the first).
 */
export function literalAccountIds(config: LandingZoneConfig): ReadonlyMap<string, string> {
  return new Map(
    config.accounts.map((account, index) => [
      account.name,
      account.purpose === "management" ? config.organization.managementAccountId : (account.id ?? String(200_000_000_001 + index)),
    ]),
  );
}

/** The literal id one account gets (literalAccountIds), by name. */
export function literalAccountId(config: LandingZoneConfig, name: string): string {
  const id = literalAccountIds(config).get(name);
  if (id === undefined) throw new Error(`no account ${name}; accounts: ${config.accounts.map((a) => a.name).join(", ")}`);
  return id;
}

/** The account directory a lone stack gets: every account with its literal id. */
export function literalAccountDirectory(config: LandingZoneConfig): AccountDirectory {
  return new AccountDirectory(config, literalAccountIds(config));
}

/** The stacks a test can build alone (account stacks by `account-<name>`). */
export type LoneStackName = "organization" | "log-archive" | "org-trail" | "identity" | "security" | `account-${string}`;

/**
 * Builds the named stack in an app of its own, synthesizes it as `npm run synth` would (cdktf's validations on), and
 * returns it. org-trail, security and account stacks come with the log-archive stack they read buckets and the key
 * from, so that wiring is the real one. Each stack and config is built once per Vitest worker and shared by its test
 * files: tests only read the result.
 */
export function synthesizeStackAlone(name: LoneStackName, config: LandingZoneConfig = exampleConfig()): SynthesizedStack {
  const key = `${name}\u0000${configKey(config)}`;
  let stack = builtAlone.get(key);
  if (stack === undefined) {
    const app = Testing.app({ stackTraces: false });
    stack = buildAlone(app, name, config);
    app.synth();
    builtAlone.set(key, stack);
  }
  return synthesized(stack);
}

const builtAlone = new Map<string, TerraformStack>();

function buildAlone(app: App, name: LoneStackName, config: LandingZoneConfig): TerraformStack {
  const accounts = literalAccountDirectory(config);
  const organizationId = config.organization.id ?? LITERAL_ORGANIZATION_ID;
  switch (name) {
    case "organization":
      return new OrganizationStack(app, config);
    case "identity":
      return new IdentityStack(app, { config, accounts });
    case "log-archive":
      return new LogArchiveStack(app, { config, organizationId, accounts });
    case "org-trail": {
      const logArchive = new LogArchiveStack(app, { config, organizationId, accounts });
      return new OrgTrailStack(app, {
        config,
        organizationId,
        cloudTrailBucketName: logArchive.buckets.cloudtrail.bucketName,
        logArchiveKeyArn: logArchive.key.arn,
        logArchiveBucketNames: Object.values(logArchive.buckets).map((bucket) => bucket.bucketName),
        configBucketName: logArchive.buckets.config.bucketName,
      });
    }
    case "security": {
      const logArchive = new LogArchiveStack(app, { config, organizationId, accounts });
      return new SecurityStack(app, {
        config,
        accounts,
        rootId: LITERAL_ROOT_ID,
        guardDutyFindingsBucketName: logArchive.buckets.guardduty.bucketName,
        logArchiveKeyArn: logArchive.key.arn,
      });
    }
    default: {
      const logArchive = new LogArchiveStack(app, { config, organizationId, accounts });
      const account = accounts.account(name.slice("account-".length));
      return new AccountStack(app, {
        config,
        account,
        logArchiveAccountId: accounts.logArchive.id,
        organizationId,
        logArchiveKeyArn: logArchive.key.arn,
        configBucketName: logArchive.buckets.config.bucketName,
      });
    }
  }
}

/**
 * The names of the stacks the landing zone composes for a config, without synthesizing any: for tests of which
 * stacks exist. Composing is a fraction of a whole-app synthesis.
 */
export function composedStackNames(config: LandingZoneConfig = exampleConfig()): string[] {
  const app = Testing.app({ stackTraces: false });
  composeLandingZone(app, config);
  return app.node.children.map((child) => child.node.id);
}
