/**
 * `npm run verify [-- CONFIG.yaml ...]`: checks the synthesized Terraform with the field's own tools, not ours.
 *
 * 1. Builds the pinned tools once per machine (scripts/verify/install-tools.sh).
 * 2. Synthesizes each config (default: the example and every config in verify/configs/) into a temporary folder.
 * 3. trivy `config` on every stack: any HIGH or CRITICAL finding fails unless verify/trivy-waivers.yaml waives it with
 *    a reason; a waiver that matches nothing fails too, so the file cannot rot.
 * 4. actionlint on .github/workflows, when the repository has workflows.
 *
 * Exits 1 on any finding, 2 when a tool or a synthesis fails. See scripts/verify/README.md.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { applyWaivers, parseTrivyReport, parseWaivers, trivyParseErrors, type Finding } from "./trivy-findings";

const ROOT = resolve(__dirname, "..", "..");
const WAIVERS_FILE = join(ROOT, "verify", "trivy-waivers.yaml");
const WORKFLOWS_DIR = join(ROOT, ".github", "workflows");

class ToolFailure extends Error {}

function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
}

interface Tools {
  readonly cache: string;
  readonly trivy: string;
  readonly actionlint: string;
}

/** Builds the tools once per machine (install-tools.sh pins their versions) and returns where they are. */
function installTools(): Tools {
  // Build output goes straight to the terminal: a cold build takes minutes and should show progress.
  const result = spawnSync("bash", [join(__dirname, "install-tools.sh")], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new ToolFailure(`install-tools.sh failed (exit ${result.status})`);
  const printed = new Map(result.stdout.trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
  const path = (key: string): string => {
    const value = printed.get(key);
    if (value === undefined || !existsSync(value)) throw new ToolFailure(`install-tools.sh printed no ${key}: ${result.stdout}`);
    return value;
  };
  return { cache: path("cache"), trivy: path("trivy"), actionlint: path("actionlint") };
}

/** The configs to check: those named on the command line (relative to where npm was run), else the defaults. */
function configsToCheck(): string[] {
  const given = process.argv.slice(2);
  if (given.length > 0) return given.map((file) => resolve(process.env.INIT_CWD ?? process.cwd(), file));
  const extra = readdirSync(join(ROOT, "verify", "configs"))
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => join(ROOT, "verify", "configs", file));
  return [join(ROOT, "landing-zone.yaml"), ...extra];
}

/** Synthesizes one config as `npm run synth` does; returns its output folder. */
function synthesize(configFile: string, outdir: string): void {
  const result = run(process.execPath, ["--import", "tsx", "main.ts"], {
    env: { ...process.env, LANDING_ZONE_CONFIG: configFile, CDKTF_OUTDIR: outdir },
  });
  if (result.status !== 0) {
    throw new ToolFailure(`synth of ${relative(ROOT, configFile)} failed:\n${result.stderr}${result.stdout}`);
  }
}

function trivyFindings(trivy: string, cache: string, scanRoot: string): Finding[] {
  const result = run(trivy, [
    "config",
    "--format", "json",
    "--severity", "HIGH,CRITICAL",
    // No network here or in CI: use the checks embedded in the pinned binary, never a downloaded bundle.
    "--skip-check-update",
    "--skip-version-check",
    "--disable-telemetry",
    "--cache-dir", join(cache, "trivy-cache"),
    scanRoot,
  ]);
  if (result.status !== 0) throw new ToolFailure(`trivy failed (exit ${result.status}):\n${result.stderr}`);
  const unreadable = trivyParseErrors(result.stderr);
  if (unreadable.length > 0) throw new ToolFailure(`trivy could not parse the synthesized Terraform:\n${unreadable.join("\n")}`);
  return parseTrivyReport(JSON.parse(result.stdout), scanRoot);
}

function actionlint(binary: string): string[] {
  if (!existsSync(WORKFLOWS_DIR)) return [];
  const result = run(binary, ["-no-color"], { cwd: ROOT });
  if (result.status === 0) return [];
  if (result.status === 1) return result.stdout.trim().split("\n");
  throw new ToolFailure(`actionlint failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
}

function main(): number {
  const started = Date.now();
  const tools = installTools();

  const scanRoot = mkdtempSync(join(tmpdir(), "lz-verify-"));
  try {
    const configs = configsToCheck();
    for (const config of configs) {
      const name = basename(config, ".yaml");
      synthesize(config, join(scanRoot, name));
      console.log(`synthesized ${relative(ROOT, config) || config}`);
    }

    const waivers = parseWaivers(readFileSync(WAIVERS_FILE, "utf8"), relative(ROOT, WAIVERS_FILE));
    const { unwaived, waived, unusedWaivers } = applyWaivers(trivyFindings(tools.trivy, tools.cache, scanRoot), waivers);
    console.log(`trivy: ${waived.length} HIGH/CRITICAL finding(s) waived with a reason, ${unwaived.length} not waived`);
    for (const finding of unwaived) {
      console.log(`  ${finding.severity} ${finding.check} ${finding.config}/${finding.stack} ${finding.resource}: ${finding.title}`);
    }
    for (const waiver of unusedWaivers) {
      console.log(`  stale waiver (matches no finding; remove it): ${waiver.check} ${waiver.resource}`);
    }

    const workflowProblems = actionlint(tools.actionlint);
    console.log(existsSync(WORKFLOWS_DIR) ? `actionlint: ${workflowProblems.length} problem(s)` : "actionlint: no workflows in .github/workflows");
    for (const line of workflowProblems) console.log(`  ${line}`);

    console.log(
      "not run: terraform/tofu validate with the AWS provider; the provider cannot be built from the Go module proxy " +
        "here (scripts/verify/README.md)",
    );
    const failed = unwaived.length + unusedWaivers.length + workflowProblems.length;
    console.log(`verify: ${configs.length} config(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${failed === 0 ? "passed" : `${failed} problem(s)`}`);
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(scanRoot, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ToolFailure)) throw error;
  console.error(`verify: ${error.message}`);
  process.exitCode = 2;
}
