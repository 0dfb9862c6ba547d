import { appendFileSync } from "node:fs";
import { relative } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { skipTokenCreationStacks } from "../src/synth/fast-start";
// The module object itself (not a namespace copy), so a spawn the test file makes goes through the patch below.
import childProcess from "node:child_process";

// cdktf's matchers (toHaveResourceWithProperties, ...) and their type declarations.
setupJest();

// The same saving as the CLI's (src/synth/fast-start.ts): cdktf captures a stack trace for every token it creates,
// and under Jest, whose source-map support maps every frame, that capture was most of the CPU of a synthesis. The
// traces only ever appear in the message of an error about a token. Patched here, in the test file's own module
// registry, so the test's copy of cdktf records none; LANDING_ZONE_DEBUG=1 keeps them, as in the CLI.
if (process.env.LANDING_ZONE_DEBUG === undefined) skipTokenCreationStacks();

/**
 * With LANDING_ZONE_TEST_SYNTH_LOG=<file> (set by `npm run bench:test`), every synthesis a test makes is logged there,
 * one JSON line each, so the benchmark can count them: `app` for an `app.synth()` with the names of its stacks, `stack`
 * for cdktf's in-memory `Testing.synth` of one stack, and `cli` for a run of the CLI (main.ts) in a child process,
 * with its exit code (0: it synthesized the whole app). Off by default.
 * Patched here, in the test file's own module registry, because Jest gives every test file its own copy of cdktf.
 */
const synthLog = process.env.LANDING_ZONE_TEST_SYNTH_LOG;
if (synthLog !== undefined && synthLog !== "") {
  const log = (entry: Record<string, unknown>): void => {
    const testPath = expect.getState().testPath;
    appendFileSync(synthLog, `${JSON.stringify({ file: testPath === undefined ? "?" : relative(process.cwd(), testPath), ...entry })}\n`);
  };

  const appSynth = App.prototype.synth;
  App.prototype.synth = function (this: App): void {
    log({ kind: "app", stacks: this.node.children.filter((child) => child instanceof TerraformStack).map((stack) => stack.node.id) });
    appSynth.call(this);
  };

  const stackSynth = Testing.synth.bind(Testing);
  Testing.synth = (stack: TerraformStack, runValidations?: boolean): string => {
    log({ kind: "stack" });
    return stackSynth(stack, runValidations);
  };

  const spawnSync = childProcess.spawnSync;
  (childProcess as { spawnSync: unknown }).spawnSync = (...args: Parameters<typeof spawnSync>) => {
    const result = spawnSync(...args);
    const [command, commandArgs] = args;
    if (command === process.execPath && Array.isArray(commandArgs) && commandArgs.includes("main.ts")) log({ kind: "cli", status: result.status });
    return result;
  };
}
