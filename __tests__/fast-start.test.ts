import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

/**
 * How many frames cdktf records as a new token's creation stack, in a fresh Node process that loads fast-start
 * first, as main.ts does (in the test's own process, __tests__/setup.ts has already patched cdktf).
 */
function creationStackFrames(env: Record<string, string | undefined>): number {
  const script = [
    'require("./src/synth/fast-start");',
    'const { Intrinsic } = require("cdktf/lib/tokens/private/intrinsic");',
    'console.log(new Intrinsic("x").creationStack.length);',
  ].join("\n");
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return Number(result.stdout.trim());
}

describe("fast start", () => {
  it("makes cdktf skip the stack trace it captures for every token during synth", () => {
    expect(creationStackFrames({ LANDING_ZONE_DEBUG: undefined })).toBe(0);
  });

  it("keeps token creation stacks with LANDING_ZONE_DEBUG=1", () => {
    expect(creationStackFrames({ LANDING_ZONE_DEBUG: "1" })).toBeGreaterThan(0);
  });
});
