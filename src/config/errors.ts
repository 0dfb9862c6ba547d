import { LandingZoneError } from "../errors";

/** A path into the config, such as ["accounts", 2, "email"]. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigIssue {
  readonly path: ConfigPath;
  readonly message: string;
}

/** A located issue: where in which file, ready to print. */
export interface LocatedConfigIssue extends ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `accounts[2].email`, or `(top level)` for the document itself. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join("");
}

/** Every problem found in a config file, reported at once. */
export class ConfigError extends LandingZoneError {
  constructor(
    readonly file: string,
    readonly issues: readonly LocatedConfigIssue[],
  ) {
    super(
      `${file}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in the landing zone config\n` +
        issues.map((i) => `  ${i.file}:${i.line}:${i.column} ${formatPath(i.path)}: ${i.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}
