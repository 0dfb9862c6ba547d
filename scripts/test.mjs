// `npm test`: the type check and the lint run side by side (each mostly uses one core), then Vitest on both cores.
// Fails, with each tool's own output, if any of them fails; the tests only run once both checks pass, as before.
// Arguments go to `vitest run`: `npm test -- __tests__/config.test.ts` runs one file, `npm test -- -u` updates snapshots.
// tsc and ESLint keep caches in .cache/ (gitignored): a clean clone, as in CI, runs them cold; later runs only
// recheck what changed. Delete .cache/ to start cold.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (pkg, name) => join(root, "node_modules", pkg, name);

/** Runs a Node tool; resolves with its exit code and everything it printed, so parallel output does not interleave. */
function run(label, script, args, { buffer }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: buffer ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (buffer) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("error", (error) => resolve({ label, code: 1, output: `${error}\n` }));
    child.on("close", (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), output }));
  });
}

// With LANDING_ZONE_TEST_PHASES=<file> (set by `npm run bench:test`), each phase's wall seconds are written there.
const phases = {};
const timed = async (label, promise) => {
  const start = performance.now();
  const result = await promise;
  phases[label] = (performance.now() - start) / 1000;
  return result;
};
const writePhases = () => {
  if (process.env.LANDING_ZONE_TEST_PHASES) writeFileSync(process.env.LANDING_ZONE_TEST_PHASES, JSON.stringify(phases));
};

const checks = await Promise.all([
  timed("tsc", run("tsc", bin("typescript", "bin/tsc"), ["-p", ".", "--incremental", "--tsBuildInfoFile", ".cache/tsc.tsbuildinfo"], { buffer: true })),
  timed("eslint", run("eslint", bin("eslint", "bin/eslint.js"), ["--max-warnings", "0", "--cache", "--cache-strategy", "content", "--cache-location", ".cache/eslint/", "."], { buffer: true })),
]);
for (const { label, code, output } of checks) {
  if (output !== "") process.stdout.write(output);
  if (code !== 0) console.error(`npm test: ${label} failed (exit code ${code})`);
}
if (checks.some(({ code }) => code !== 0)) {
  writePhases();
  process.exit(1);
}

const vitest = await timed("vitest", run("vitest", bin("vitest", "vitest.mjs"), ["run", ...process.argv.slice(2)], { buffer: false }));
writePhases();
process.exit(vitest.code);
