import "./src/synth/fast-start";
import { App } from "cdktf";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LandingZoneError } from "./src/errors";
import { loadConfig } from "./src/config/load";
import { composeLandingZone } from "./src/landing-zone";
import { synthesizeAtomically } from "./src/synth/atomic-outdir";

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
