/**
 * The id a stack recorded for a name that config validation guarantees exists (an OU path, a group, a permission
 * set). Reaching the throw is a bug in the landing zone, not a problem in config.
 *
 * @param what what the name names, for the message: `no <what> "<key>"`
 */
export function requiredId(ids: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`internal error: no ${what} "${key}"`);
  return id;
}
