import { App } from "cdktf";
import { ConfigError } from "./src/config/errors";
import { loadConfig } from "./src/config/load";
import type { LandingZoneConfig } from "./src/config/schema";
import { configureBackend } from "./src/backend";
import { synthesizeAtomically } from "./src/synth/atomic-outdir";
import { AccountStack } from "./stacks/account-stack";
import { IdentityStack } from "./stacks/identity-stack";
import { OrganizationStack } from "./stacks/organization-stack";

/** The landing zone's stacks and how they depend on each other; see the stack graph in the README. */
export function composeLandingZone(app: App, config: LandingZoneConfig): void {
  const organization = new OrganizationStack(app, config);

  const accountStacks = config.accounts
    .filter((account) => account.purpose !== "management")
    .map((account) => {
      const accountId = organization.accountIds.get(account.name);
      if (accountId === undefined) throw new Error(`internal error: no account id for ${account.name}`);
      return new AccountStack(app, { config, account, accountId });
    });

  const identity = new IdentityStack(app, { config, accountIds: organization.accountIds });

  for (const stack of [organization, ...accountStacks, identity]) {
    configureBackend(stack, stack.node.id, config.backend);
  }
}

function main(): void {
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  try {
    const config = loadConfig();
    synthesizeAtomically(outdir, (stagingDir) => {
      // stackTraces off: no machine-specific stack traces in the output, and a faster synth.
      const app = new App({ outdir: stagingDir, stackTraces: false });
      composeLandingZone(app, config);
      app.synth();
    });
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof ConfigError) {
      console.error(error.message);
      console.error(`Nothing was written; ${outdir} is unchanged.`);
      return;
    }
    throw error;
  }
}

if (require.main === module) main();
