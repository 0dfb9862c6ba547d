import { LandingZoneError } from "../errors";
import type * as z from "zod";

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

/** The longest text a message quotes from the config before cutting it short. */
const MAX_SHOWN_TEXT = 60;

/** A config value as a message shows it: text quoted (and cut when long), numbers and booleans as written, lists and maps by size. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > MAX_SHOWN_TEXT ? `${value.slice(0, MAX_SHOWN_TEXT - 1)}…` : value);
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "a map (key: value pairs)";
  return String(value);
}

/** Whether a message already shows the value (then it is not echoed again). */
function shows(message: string, value: unknown): boolean {
  return message.includes(showValue(value)) || (typeof value !== "string" && message.includes(String(value)));
}

/**
 * A schema message with the value that failed appended when it does not show it already: hand-written messages say
 * what is allowed, and the value tells the reader which entry they are about. Lists and maps are not echoed.
 */
export function withValue(message: string, input: unknown): string {
  const scalar = input === null || ["string", "number", "boolean"].includes(typeof input);
  return !scalar || shows(message, input) ? message : `${message}; got ${showValue(input)}`;
}

/** What a zod type expects, as a reader of the config would say it. */
function expectedKind(expected: string, isInt: boolean): string {
  if (isInt || expected === "int") return "a whole number";
  const kinds: Record<string, string> = {
    string: "text",
    number: "a number",
    boolean: "true or false",
    array: "a list",
    object: "a map (key: value pairs)",
    null: "an empty value",
  };
  return kinds[expected] ?? expected;
}

const joinValues = (values: readonly unknown[]): string => values.map((v) => (typeof v === "string" ? v : String(v))).join(", ");

/**
 * The message of a zod issue whose schema has no hand-written one (those take precedence: zod asks the schema's own
 * error first and this map only when it gives none). Every message shows the value given and says what is allowed:
 * `expected a whole number, got "thirty"`, `"logs" is not one of the allowed values: management, …`.
 * Unknown keys and missing keys are worded by load.ts, which knows their place.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  const { input } = issue;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) return undefined;
      const inst = issue.inst as { readonly isInt?: boolean } | undefined;
      return `expected ${expectedKind(issue.expected, inst?.isInt === true)}, got ${showValue(input)}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${showValue(issue.values[0])}, got ${showValue(input)}`
        : `${showValue(input)} is not one of the allowed values: ${joinValues(issue.values)}`;
    case "invalid_format":
      if (issue.format === "email") return `${showValue(input)} is not an email address`;
      if (issue.format === "regex") return `${showValue(input)} does not have the expected form (pattern ${issue.pattern ?? "?"})`;
      return `${showValue(input)} is not a valid ${issue.format}`;
    case "too_small":
    case "too_big":
      return sizeMessage(issue.code, issue.origin, Number(issue.code === "too_small" ? issue.minimum : issue.maximum), issue.inclusive !== false, input);
    case "not_multiple_of":
      return `${showValue(input)} is not a multiple of ${String(issue.divisor)}`;
    case "invalid_union": {
      // One line from the alternatives: what each expected, when each failed on its type or value.
      const expected = issue.errors.flatMap((alternative) => {
        const first = alternative[0];
        if (first === undefined || first.path.length > 0) return [];
        if (first.code === "invalid_type") return [expectedKind(first.expected, false)];
        if (first.code === "invalid_value") return first.values.map((v) => showValue(v));
        return [];
      });
      return expected.length === issue.errors.length
        ? `expected ${[...new Set(expected)].join(" or ")}, got ${showValue(input)}`
        : `${showValue(input)} matches none of the allowed forms`;
    }
    default:
      return undefined;
  }
};

function sizeMessage(code: "too_small" | "too_big", origin: string, limit: number, inclusive: boolean, input: unknown): string {
  const bound = code === "too_small" ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
  if (origin === "string") {
    const length = typeof input === "string" ? input.length : 0;
    return `${showValue(input)} has ${length} character${length === 1 ? "" : "s"}; expected ${bound} ${limit}`;
  }
  if (origin === "array" || origin === "set") {
    const count = Array.isArray(input) ? input.length : 0;
    return `the list has ${count} item${count === 1 ? "" : "s"}; expected ${bound} ${limit}`;
  }
  return `${showValue(input)} is ${code === "too_small" ? "too small" : "too large"}; expected ${bound} ${limit}`;
}
