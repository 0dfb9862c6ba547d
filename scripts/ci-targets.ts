/**
 * Prints, as one line of JSON, the stacks CI uploads to Terraform Cloud and their workspaces (src/pipeline/ci-targets.ts).
 * Usage: node --import tsx scripts/ci-targets.ts <outdir> <pull_request|push> [changed stack ...]
 */
import { ciTargets, type CiEvent } from "../src/pipeline/ci-targets";

const [outdir, event, ...changed] = process.argv.slice(2);
if (outdir === undefined || (event !== "pull_request" && event !== "push")) {
  console.error("usage: ci-targets.ts <outdir> <pull_request|push> [changed stack ...]");
  process.exit(2);
}
console.log(JSON.stringify(ciTargets(outdir, event as CiEvent, changed)));
