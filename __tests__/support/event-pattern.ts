import type { EventPattern, PatternValue } from "../../src/detective/event-pattern";

/**
 * EventBridge's matching rules for the subset of pattern syntax the landing zone uses: every field of the pattern
 * must be present in the event; a list matches if any of its values matches (a list in the event matches if any
 * element does); literal strings match exactly; equals-ignore-case ignores case; wildcard treats * as any run of
 * characters; `$or` holds a list of patterns of which at least one must match at that level; a nested pattern meets a
 * list of objects (Security Hub's detail.findings) if one element matches it (EventBridge flattens arrays, so it would
 * also combine fields of different elements: the tests use one element, as Security Hub sends). Anything else in a
 * pattern is rejected, so a test cannot pass on syntax this does not understand.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  if (typeof event !== "object" || event === null) return false;
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === "$or") return (expected as readonly EventPattern[]).some((alternative) => matchesPattern(alternative, event));
    const actual = (event as Record<string, unknown>)[key];
    if (actual === undefined) return false;
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((value) => (expected as readonly PatternValue[]).some((matcher) => matchesValue(matcher, value)));
    }
    if (Array.isArray(actual)) return actual.some((element) => matchesPattern(expected as EventPattern, element));
    return matchesPattern(expected as EventPattern, actual);
  });
}

function matchesValue(matcher: PatternValue, value: unknown): boolean {
  if (typeof matcher === "string") return value === matcher;
  if (typeof value !== "string") return false;
  if ("equals-ignore-case" in matcher) return value.toLowerCase() === matcher["equals-ignore-case"].toLowerCase();
  if ("wildcard" in matcher) {
    const regex = new RegExp(`^${matcher.wildcard.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return regex.test(value);
  }
  throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
}
