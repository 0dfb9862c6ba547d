import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_REFERENCE_FILE, renderConfigReference } from "../scripts/generate-config-reference";

describe("config reference", () => {
  const reference = renderConfigReference();

  it("is up to date with the zod schema (run `npm run config-reference` after changing the config schema)", () => {
    expect(readFileSync(join(__dirname, "..", CONFIG_REFERENCE_FILE), "utf8")).toBe(reference);
  });

  it("gives each key its type, whether it is required, its default, what is allowed and its description", () => {
    expect(reference).toContain(
      "| `homeRegion` | text | no | `eu-west-2` | one of 36 values ([list](#values-of-organization-homeregion)) | Region where the landing zone deploys; default eu-west-2 (London) |",
    );
    expect(reference).toMatch(/^\| `retentionDays` \| whole number \| no \| `35` \| 1 to 36500 \| Days each daily recovery point is kept; default 35 \|$/m);
    expect(reference).toMatch(/^\| `purpose` \| text \| yes \| {2}\| one of `management`, `log-archive`, `audit`, `shared-services`, `workload`, `sandbox` \| /m);
  });

  it("has a section for every nested map, each form of the backend, and the recursive OU tree once", () => {
    for (const section of ["`accounts[].network`", "`accounts[].network.flowLogs.cloudWatchLogs`", "`backend (type: s3)`", "`backend (type: cloud)`", "`backend.workspaces.<name>`", "`identity.permissionSets[].inlinePolicy[]`"])
      expect(reference).toContain(`\n## ${section}\n`);
    expect(reference.match(/\n## `organizationalUnits\[\]`\n/g)).toHaveLength(1);
    expect(reference).toContain("| `children` | list of maps, see [`organizationalUnits[]`](#organizationalunits) |");
  });

  it("lists long enumerations once, where every key that uses them links", () => {
    expect(reference).toContain('<a id="values-of-organization-homeregion"></a>Values of `organization.homeRegion`');
    expect(reference.match(/`eu-west-2`, `eu-west-3`/g)).toHaveLength(1);
  });
});
