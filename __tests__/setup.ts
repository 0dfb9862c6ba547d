import { appendFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { relative } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import type { TerraformConstructor } from "cdktf/lib/testing/matchers";
import { skipTokenCreationStacks } from "../src/synth/fast-start";
// The module object itself (not a namespace copy), so a spawn the test file makes goes through the patch below.
import childProcess from "node:child_process";

// Vitest runs this file before every test file, in the module registry of its worker, which the test files of that
// worker share (`isolate: false` in vitest.config.mts): cdktf and the providers load once per worker, not once per
// file. So every patch below is made once per worker, never stacked, and nothing here keeps per-file state.

// cdktf's matchers (toHaveResourceWithProperties, ...): its Jest adapter only needs a global `expect` with
// `extend`, `arrayContaining` and `objectContaining`, which Vitest's is. Their types for Vitest are declared below.
setupJest();

// (Vitest's documented place is the module "vitest", which a CommonJS test file cannot augment; its expect is this one.)
declare module "@vitest/expect" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged declaration repeats the type parameter
  interface Matchers<T = any> {
    toHaveResource(resourceConstructor: TerraformConstructor): void;
    toHaveResourceWithProperties(resourceConstructor: TerraformConstructor, properties: Record<string, any>): void;
    toHaveDataSource(dataSourceConstructor: TerraformConstructor): void;
    toHaveDataSourceWithProperties(dataSourceConstructor: TerraformConstructor, properties: Record<string, any>): void;
    toHaveProvider(providerConstructor: TerraformConstructor): void;
    toHaveProviderWithProperties(providerConstructor: TerraformConstructor, properties: Record<string, any>): void;
    toBeValidTerraform(): void;
    toPlanSuccessfully(): void;
  }
}

// The same saving as the CLI's (src/synth/fast-start.ts): cdktf captures a stack trace for every token it creates,
// and with source maps on, which map every frame, that capture was most of the CPU of a synthesis. The traces only
// ever appear in the message of an error about a token. It replaces one exported function (no wrapping), so running
// it again is harmless. LANDING_ZONE_DEBUG=1 keeps them, as in the CLI.
if (process.env.LANDING_ZONE_DEBUG === undefined) skipTokenCreationStacks();

/**
 * With LANDING_ZONE_TEST_SYNTH_LOG=<file> (set by `npm run bench:test`), every synthesis a test makes is logged there,
 * one JSON line each, so the benchmark can count them: `app` for an `app.synth()` with the names of its stacks, `stack`
 * for cdktf's in-memory `Testing.synth` of one stack, and `cli` for a run of the CLI (main.ts) in a child process,
 * with its exit code (0: it synthesized the whole app). Off by default.
 * Patched once per worker (the mark on globalThis says it is done); each entry names the test file running then.
 */
const synthLog = process.env.LANDING_ZONE_TEST_SYNTH_LOG;
const PATCHED = Symbol.for("landing-zone.test-synth-log");
if (synthLog !== undefined && synthLog !== "" && !(PATCHED in globalThis)) {
  Object.defineProperty(globalThis, PATCHED, { value: true });
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
  // Test files import `spawnSync` by name, from the ES module of node:child_process: make its export the patched one.
  syncBuiltinESMExports();
}

/**
 * The IAM simulator (@cloud-copilot/iam-policy, iam-utils, iam-simulate) compares names case-insensitively with
 * `a.localeCompare(b, undefined, { sensitivity: ... })` many times per simulated request. Called with options, V8
 * builds a new Intl.Collator each time, which was about 30% of the simulations' CPU. ECMA-402 defines that form of
 * localeCompare as comparing with `new Intl.Collator(locales, options)`
 * (https://tc39.es/ecma402/#sup-String.prototype.localeCompare), so one collator per distinct locales and options
 * compares exactly alike. Tests only; made once per worker (the mark on globalThis).
 */
const COLLATORS_CACHED = Symbol.for("landing-zone.test-collators");
if (!(COLLATORS_CACHED in globalThis)) {
  Object.defineProperty(globalThis, COLLATORS_CACHED, { value: true });
  const collators = new Map<string, Intl.Collator>();
  const localeCompare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (this: string, that: string, locales?: string | string[], options?: Intl.CollatorOptions): number {
    if (locales === undefined && options === undefined) return localeCompare.call(this, that);
    const key = JSON.stringify([locales, options]);
    let collator = collators.get(key);
    if (collator === undefined) collators.set(key, (collator = new Intl.Collator(locales, options)));
    return collator.compare(String(this), String(that));
  };
}
