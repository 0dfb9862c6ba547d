/**
 * EventBridge event patterns as plain objects, serialised literally into rules (SecurityEventRule). Generic: any
 * detective control that reacts to an event builds one.
 */

/** A matcher of an EventBridge pattern: a literal value or one of the content filters these patterns use. */
export type PatternValue = string | { readonly "equals-ignore-case": string } | { readonly wildcard: string };

/** A pattern, or under the key `$or` a list of patterns of which at least one must match. */
export interface EventPattern {
  readonly [key: string]: readonly PatternValue[] | EventPattern | readonly EventPattern[];
}
