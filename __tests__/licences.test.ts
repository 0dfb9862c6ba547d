import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Licences a runtime dependency may have: permissive ones, plus MPL-2.0 for cdktf and its AWS and TFE provider bindings
 * (file-level copyleft: it binds changes to their own files, which we use unmodified; the project requires them).
 * Copyleft tools such as the IAM simulator (AGPL) are allowed only as dev dependencies.
 */
const PERMISSIVE = new Set(["MIT", "ISC", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "BlueOak-1.0.0", "Unlicense", "Public Domain", "CC0-1.0"]);
const MPL_ALLOWED = new Set(["node_modules/cdktf", "node_modules/@cdktf/provider-aws", "node_modules/@cdktf/provider-tfe"]);

interface LockEntry {
  readonly license?: string;
  readonly dev?: boolean;
  readonly devOptional?: boolean;
}

describe("licences", () => {
  const lock = JSON.parse(readFileSync(join(__dirname, "..", "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const runtime = Object.entries(lock.packages).filter(([path, entry]) => path !== "" && !entry.dev && !entry.devOptional);

  it("lists runtime dependencies in the lockfile", () => {
    expect(runtime.map(([path]) => path)).toEqual(expect.arrayContaining(["node_modules/cdktf", "node_modules/zod", "node_modules/yaml"]));
  });

  it("allows only permissive licences at runtime (MPL-2.0 only for cdktf and its providers)", () => {
    const offending = runtime
      .filter(([path, entry]) => !PERMISSIVE.has(entry.license ?? "") && !(entry.license === "MPL-2.0" && MPL_ALLOWED.has(path)))
      .map(([path, entry]) => `${path}: ${entry.license ?? "no licence"}`);
    expect(offending).toEqual([]);
  });

  it("keeps the AGPL IAM simulator a dev dependency", () => {
    expect(lock.packages["node_modules/@cloud-copilot/iam-simulate"]?.dev).toBe(true);
  });
});
