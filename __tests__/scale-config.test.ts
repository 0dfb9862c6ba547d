import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseConfig } from "../src/config/load";

const ROOT = join(__dirname, "..");

/** The config scripts/generate-scale-config.mjs writes (the scale benchmark's input). */
function generated(...args: string[]): string {
  const result = spawnSync(process.execPath, ["scripts/generate-scale-config.mjs", ...args], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe("the scale benchmark's generated config", () => {
  it("is valid, with the number of member accounts asked for, most of them workloads with non-overlapping VPCs", () => {
    const config = parseConfig(generated("--accounts", "300", "--regions", "eu-west-2,eu-west-1"), "generated.yaml");
    const members = config.accounts.filter((a) => a.purpose !== "management");
    expect(members).toHaveLength(300);
    expect(config.organization.allowedRegions).toEqual(["eu-west-2", "eu-west-1"]);
    expect(members.filter((a) => a.network !== undefined).length).toBeGreaterThan(200);
  });

  it("refuses fewer accounts than the example has", () => {
    expect(() => generated("--accounts", "2")).toThrow(/at least 5 member accounts/);
  });
});
