#!/usr/bin/env node
// Benchmark of `npm test`: the whole run's wall and CPU time (GNU time, Debian package `time`), each phase's wall
// time, and how many syntheses the tests make, median of several runs after a warm-up. A measurement, never a test.
//
//   npm run bench:test [-- --runs N] [--warmup N] [--cold]
//
// --runs: counted runs (3 by default); --warmup: uncounted runs first (1 by default, so tsc's and ESLint's caches in
// .cache/ are as after an ordinary edit-free rerun); --cold: delete .cache/ before every run, as a clean clone or CI.
// CPU time (user + sys) moves less than wall time when other work shares the machine; the load average is printed
// so a reader can judge how quiet the machine was.
//
// The syntheses are counted by __tests__/setup.ts (LANDING_ZONE_TEST_SYNTH_LOG): a whole-app synthesis is an
// `app.synth()` of an app with every stack every landing zone has (organization, log-archive, org-trail, identity),
// plus every CLI run that exited 0 (it synthesized the example or a variant); a partial one has several stacks, not all.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const runs = option("runs", 3);
const warmup = option("warmup", 1);
const cold = args.includes("--cold");
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
  console.error("usage: npm run bench:test [-- --runs N] [--warmup N] [--cold]");
  process.exit(2);
}
const GNU_TIME = "/usr/bin/time";
if (!existsSync(GNU_TIME)) {
  console.error(`${GNU_TIME} not found: install GNU time (apt-get install time)`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "lz-bench-test-"));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)})`;

const samples = [];
const loadBefore = loadavg()[0];
for (let i = 0; i < warmup + runs; i++) {
  if (cold) rmSync(join(root, ".cache"), { recursive: true, force: true });
  const synthLog = join(work, `synth-${i}.jsonl`);
  const phasesFile = join(work, `phases-${i}.json`);
  // The number of tests and each test file's time, from scripts/bench-tests-reporter.mjs.
  const report = join(work, `report-${i}.json`);
  const result = spawnSync(GNU_TIME, ["-f", "%e %U %S", process.execPath, "scripts/test.mjs", "--reporter=./scripts/bench-tests-reporter.mjs"], {
    cwd: root,
    env: { ...process.env, LANDING_ZONE_TEST_SYNTH_LOG: synthLog, LANDING_ZONE_TEST_PHASES: phasesFile, LANDING_ZONE_TEST_REPORT: report },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error(`npm test failed (exit code ${result.status}); nothing measured`);
    process.exit(1);
  }
  const [wall, user, sys] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (i < warmup) continue;
  const synths = existsSync(synthLog) ? readFileSync(synthLog, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line)) : [];
  samples.push({ wall, cpu: user + sys, phases: JSON.parse(readFileSync(phasesFile, "utf8")), report: JSON.parse(readFileSync(report, "utf8")), synths });
}
const loadAfter = loadavg()[0];

const last = samples.at(-1);
const CORE_STACKS = ["organization", "log-archive", "org-trail", "identity"];
const isWholeApp = (s) => s.kind === "app" && CORE_STACKS.every((name) => s.stacks.includes(name));
const wholeApp = (synths) => synths.filter((s) => isWholeApp(s) || (s.kind === "cli" && s.status === 0));
console.log(`npm test, ${runs} run(s) after ${warmup} warm-up${cold ? ", cold caches" : ", warm caches"}; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
console.log(`tests: ${last.report.tests} in ${last.report.files.length} files`);
console.log(`wall s, median (min-max):      ${range(samples.map((s) => s.wall))}`);
console.log(`cpu s (user+sys), median:      ${range(samples.map((s) => s.cpu))}`);
for (const phase of ["tsc", "eslint", "vitest"]) console.log(`  ${phase.padEnd(6)} wall s, median:        ${range(samples.map((s) => s.phases[phase]))}`);
const counts = (synths) => ({
  wholeApp: wholeApp(synths).length,
  oneStackApp: synths.filter((s) => s.kind === "app" && s.stacks.length === 1).length,
  partialApp: synths.filter((s) => s.kind === "app" && s.stacks.length > 1 && !isWholeApp(s)).length,
  inMemory: synths.filter((s) => s.kind === "stack").length,
  cli: synths.filter((s) => s.kind === "cli").length,
});
const c = counts(last.synths);
console.log(`whole-app syntheses per run:   ${c.wholeApp} (in-process, and CLI runs that exited 0)`);
console.log(`other syntheses per run:       ${c.oneStackApp} app.synth() of one stack, ${c.partialApp} of a few stacks, ${c.inMemory} Testing.synth; ${c.cli} CLI runs in all`);

console.log("\nslowest test files (last run), seconds and whole-app syntheses (a worker's first file also loads cdktf):");
const byFile = new Map();
for (const s of wholeApp(last.synths)) byFile.set(s.file, (byFile.get(s.file) ?? 0) + 1);
const files = [...last.report.files].sort((a, b) => b.seconds - a.seconds);
for (const { file, seconds } of files.slice(0, 15)) console.log(`  ${seconds.toFixed(1).padStart(5)}  ${String(byFile.get(file) ?? 0).padStart(2)}  ${file}`);
rmSync(work, { recursive: true, force: true });
