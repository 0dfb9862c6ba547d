import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type * as z from "zod";
import { closestName } from "../closest-name";
import { ConfigError, issueMessage, withValue, type ConfigIssue, type ConfigPath, type LocatedConfigIssue } from "./errors";
import { landingZoneSchema, type LandingZoneConfig } from "./schema";
import { SECTION_UNAVAILABLE, validateConfig } from "./validate";

/** The config file used when LANDING_ZONE_CONFIG is not set, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = "landing-zone.yaml";

/**
 * The config file to read. LANDING_ZONE_CONFIG, when relative, is taken from the directory the user ran npm in
 * (INIT_CWD): `npm run synth` runs in the project root, and a path typed next to the command means the user's
 * directory. The default file is the project's own example, in the working directory.
 */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): { readonly path: string; readonly from: string } {
  const given = env.LANDING_ZONE_CONFIG;
  if (given === undefined || given === "") return { path: resolve(DEFAULT_CONFIG_FILE), from: `the default config file, ${DEFAULT_CONFIG_FILE} in ${process.cwd()}` };
  if (isAbsolute(given)) return { path: given, from: `LANDING_ZONE_CONFIG=${given}` };
  const base = env.INIT_CWD ?? process.cwd();
  return { path: resolve(base, given), from: `LANDING_ZONE_CONFIG=${given}, resolved from ${base}${env.INIT_CWD === undefined ? " (the working directory)" : " (INIT_CWD, where npm was run)"}` };
}

/** Reads, parses and validates a config file; throws a ConfigError that lists every problem at once. */
export function loadConfig(file?: string): LandingZoneConfig {
  const { path, from } = file === undefined ? configFilePath() : { path: resolve(file), from: undefined };
  const shownName = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "it is a directory" : String(error);
    throw new ConfigError(shownName, [{ file: shownName, line: 1, column: 1, path: [], message: `cannot read the config: ${reason}; tried ${path}${from === undefined ? "" : ` (${from})`}` }]);
  }
  return parseConfig(text, shownName);
}

/** Parses and validates config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): LandingZoneConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (issue: ConfigIssue, offset: number): LocatedConfigIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { ...issue, file, line, column: col };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => locate({ path: [], message: `YAML syntax: ${e.message.split("\n")[0]}` }, e.pos[0])),
    );
  }

  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw new ConfigError(file, [locate({ path: [], message: `the config file is empty; it needs at least ${requiredSections().join(", ")}` }, 0)]);
  }
  // The keys allowed in each map that has an unknown key, by the map itself: only the error map sees the schema.
  const allowedKeys = new WeakMap<object, readonly string[]>();
  const parsed = landingZoneSchema.safeParse(data, {
    reportInput: true,
    error: (issue) => {
      const shape = (issue.inst as { readonly _zod?: { readonly def?: { readonly shape?: object } } } | undefined)?._zod?.def?.shape;
      if (issue.code === "unrecognized_keys" && typeof issue.input === "object" && issue.input !== null && shape !== undefined)
        allowedKeys.set(issue.input, Object.keys(shape));
      return issueMessage(issue);
    },
  });
  const issues: PendingIssue[] = parsed.success
    ? validateConfig(parsed.data)
    : [
        ...parsed.error.issues.flatMap((issue) => toConfigIssues(issue, allowedKeys)),
        ...validateConfig(sectionsThatPassed(data, parsed.error.issues)),
      ];
  if (issues.length > 0) {
    // In the order of the file, as an editor lists them; issues at one place keep the order they were found in.
    const located = issues
      .map(({ pointAtKey, ...issue }) => locate(issue, offsetOf(doc, issue.path, pointAtKey === true)))
      .sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(file, located);
  }
  return deepFreeze(parsed.data as LandingZoneConfig);
}

/** The top-level sections a config must have (the schema's keys without a default). */
function requiredSections(): string[] {
  return Object.entries(landingZoneSchema.shape).filter(([, schema]) => !schema.safeParse(undefined).success).map(([key]) => key);
}

/**
 * The config as far as its sections passed their own schemas, so that the cross-field rules can still report every
 * problem at once (a typo in one section and a VPC overlap in another). Reading a section that failed throws, and
 * validateConfig skips any rule that does: its input is not known to be well-formed.
 */
function sectionsThatPassed(data: unknown, issues: readonly z.core.$ZodIssue[]): LandingZoneConfig {
  const raw = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  // An issue at the top level (not an object, or an unknown top-level key) says nothing about any one section, but a
  // document that is not an object has no sections at all.
  const failed = new Set<PropertyKey>(issues.flatMap((issue) => (issue.path.length > 0 ? [issue.path[0] as PropertyKey] : [])));
  const sections = new Map<PropertyKey, unknown>();
  for (const [key, schema] of Object.entries(landingZoneSchema.shape)) {
    const result = typeof data === "object" && data !== null && !Array.isArray(data) ? schema.safeParse(raw[key]) : undefined;
    if (result?.success === true && !failed.has(key)) sections.set(key, result.data);
    else failed.add(key);
  }
  return new Proxy({} as LandingZoneConfig, {
    get: (_target, key) => {
      if (!sections.has(key)) throw new SectionUnavailable(String(key));
      return sections.get(key);
    },
  });
}

/** Thrown by sectionsThatPassed when a rule reads a section that failed its schema. */
export class SectionUnavailable extends Error {
  constructor(readonly section: string) {
    super(`section ${section} did not pass its schema`);
    this.name = SECTION_UNAVAILABLE;
  }
}

/** An issue before it is located: most point at the offending value, an unknown key at the key itself. */
interface PendingIssue extends ConfigIssue {
  readonly pointAtKey?: boolean;
}

function toConfigIssues(issue: z.core.$ZodIssue, allowedKeys: WeakMap<object, readonly string[]>): PendingIssue[] {
  // One issue per unknown key, so each gets its own line:column and its own suggestion.
  if (issue.code === "unrecognized_keys") {
    const allowed = typeof issue.input === "object" && issue.input !== null ? allowedKeys.get(issue.input) : undefined;
    return issue.keys.map((key) => ({ path: [...issue.path, key].map(toSegment), message: unknownKeyMessage(key, allowed), pointAtKey: true }));
  }
  const path = issue.path.map(toSegment);
  // A bad key of a record (such as a tag key) carries the key's own messages inside it.
  if (issue.code === "invalid_key") {
    return [{ path, message: issue.issues.map((inner) => inner.message).join("; "), pointAtKey: true }];
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [{ path, message: `missing required key "${String(path.at(-1))}" (expected ${issue.expected})` }];
  }
  return [{ path, message: withValue(issue.message, issue.input) }];
}

/** `unknown key "organisation"; did you mean "organization"? Allowed keys: …` (the suggestion only when one is close). */
function unknownKeyMessage(key: string, allowed: readonly string[] | undefined): string {
  if (allowed === undefined) return `unknown key "${key}"`;
  const suggestion = closestName(key, allowed);
  const hint = suggestion === undefined ? "; allowed keys: " : `; did you mean "${suggestion}"? Allowed keys: `;
  return `unknown key "${key}"${hint}${allowed.join(", ")}`;
}

function toSegment(segment: PropertyKey): string | number {
  return typeof segment === "symbol" ? String(segment) : segment;
}

/**
 * Where a config path starts in the YAML text: the value of a map entry (or its key, with pointAtKey or when the
 * value is empty), the item of a list. A path that does not exist in the file (a missing key) points at its nearest
 * ancestor that does.
 */
function offsetOf(doc: Document, path: ConfigPath, pointAtKey: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (pair === undefined) break;
      const value = pair.value as Node | null;
      const atKey = (pointAtKey && index === path.length - 1) || value?.range === undefined;
      offset = atKey ? ((pair.key as Node).range?.[0] ?? offset) : (value?.range?.[0] ?? offset);
      node = value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
