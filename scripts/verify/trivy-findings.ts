/**
 * Trivy's JSON report and the reviewed waivers (verify/trivy-waivers.yaml), as pure functions so `npm test` can
 * check them without trivy.
 */
import { sep } from "node:path";
import { parse } from "yaml";
import * as z from "zod";

/** One HIGH or CRITICAL misconfiguration trivy found in one stack's cdk.tf.json. */
export interface Finding {
  /** Trivy's check id, such as AWS-0089 (older releases: AVD-AWS-0089). */
  readonly check: string;
  readonly severity: string;
  readonly title: string;
  /** The config the stack came from: the file name without .yaml (landing-zone for the example). */
  readonly config: string;
  readonly stack: string;
  /** Terraform address of the resource at fault, such as aws_s3_bucket.log-archive_cloudtrail_1234ABCD. */
  readonly resource: string;
}

/** A reviewed decision that a check does not apply to some resources of this design. */
export interface Waiver {
  readonly check: string;
  /** Terraform address; `*` matches any run of characters. */
  readonly resource: string;
  /** Stack name; `*` matches any run of characters. Default every stack. */
  readonly stack: string;
  /** Why the check does not apply; shown to reviewers, required. */
  readonly reason: string;
}

const trivyReportSchema = z.object({
  Results: z
    .array(
      z.object({
        Target: z.string(),
        Misconfigurations: z
          .array(
            z.object({
              ID: z.string(),
              Title: z.string().default(""),
              Severity: z.string(),
              Status: z.string(),
              CauseMetadata: z.object({ Resource: z.string().default("") }).default({ Resource: "" }),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/**
 * The failed checks of a `trivy config --format json` report over a folder that holds one synthesized cdktf.out per
 * config (`<config>/stacks/<stack>/cdk.tf.json`).
 */
export function parseTrivyReport(report: unknown, scanRoot: string): Finding[] {
  const findings: Finding[] = [];
  for (const result of trivyReportSchema.parse(report).Results) {
    // Target is relative to the scanned folder (or absolute in some trivy versions).
    const target = result.Target.startsWith(scanRoot) ? result.Target.slice(scanRoot.length + 1) : result.Target;
    const [config, stacksDir, stack] = target.split(/[\\/]/);
    if (config === undefined || stacksDir !== "stacks" || stack === undefined) {
      throw new Error(`trivy reported a file outside <config>/stacks/<stack>/: ${result.Target} (separator ${sep})`);
    }
    for (const misconfiguration of result.Misconfigurations) {
      if (misconfiguration.Status !== "FAIL") continue;
      findings.push({
        check: misconfiguration.ID,
        severity: misconfiguration.Severity,
        title: misconfiguration.Title,
        config,
        stack,
        resource: misconfiguration.CauseMetadata.Resource,
      });
    }
  }
  return findings;
}

/**
 * Files trivy could not parse. Trivy logs them and goes on (exit 0), so a stack it cannot read would silently pass;
 * verify treats each as a failure. (Trivy also logs, as an error, that it falls back to its embedded checks when it
 * may not download a bundle: that is expected here and not a parse error.)
 */
export function trivyParseErrors(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /\bERROR\b/.test(line) && /pars/i.test(line));
}

const waiverFileSchema = z.array(
  z.strictObject({
    check: z.string().regex(/^[A-Z]+-[A-Z0-9]+-\d{4}$|^[A-Z0-9]+-\d{4}$/, { error: "a trivy check id such as AWS-0089" }),
    resource: z.string().min(1),
    stack: z.string().min(1).default("*"),
    reason: z.string().min(20, { error: "say why the check does not apply to this design (20 characters at least)" }),
  }),
);

/** Parses the waiver file; throws an error naming the file and the entry when an entry is malformed. */
export function parseWaivers(text: string, fileName: string): Waiver[] {
  const parsed = waiverFileSchema.safeParse(parse(text) ?? []);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${fileName} ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(problems.join("\n"));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

/** Trivy renamed its ids from AVD-AWS-0089 to AWS-0089; a waiver in either form matches both. */
function sameCheck(a: string, b: string): boolean {
  return a.replace(/^AVD-/, "") === b.replace(/^AVD-/, "");
}

export function waiverMatches(waiver: Waiver, finding: Finding): boolean {
  return sameCheck(waiver.check, finding.check) && globToRegExp(waiver.resource).test(finding.resource) && globToRegExp(waiver.stack).test(finding.stack);
}

export interface WaiverOutcome {
  readonly unwaived: readonly Finding[];
  readonly waived: readonly Finding[];
  /** Waivers that matched no finding: stale, to be removed, so the file only holds decisions that still matter. */
  readonly unusedWaivers: readonly Waiver[];
}

export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[]): WaiverOutcome {
  const used = new Set<Waiver>();
  const unwaived: Finding[] = [];
  const waived: Finding[] = [];
  for (const finding of findings) {
    const waiver = waivers.find((candidate) => waiverMatches(candidate, finding));
    if (waiver === undefined) {
      unwaived.push(finding);
    } else {
      used.add(waiver);
      waived.push(finding);
    }
  }
  return { unwaived, waived, unusedWaivers: waivers.filter((waiver) => !used.has(waiver)) };
}
