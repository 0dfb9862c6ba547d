import { createHash } from "node:crypto";

/**
 * Stable shards: the one rule that spreads per-account state over a fixed number of stacks (identity assignment
 * shards, pipeline shards; issue 12, docs/scale.md "Sharding").
 *
 * A key's shard is the first 32 bits of the SHA-256 of the key (UTF-8), modulo the count: a pure function of the key
 * alone, so adding or removing any other key never moves a key between shards. SHA-256 rather than a short string
 * hash so that keys which differ in one character spread evenly, and because it never changes between Node versions
 * or machines. Changing this function moves state between stacks: never change it.
 */
export function stableShardOf(key: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`internal error: shard count ${shardCount}`);
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % shardCount;
}

/** Items by shard: element i holds the items whose key is in shard i, in the order given (empty shards included). */
export function shardBy<T>(items: readonly T[], keyOf: (item: T) => string, shardCount: number): T[][] {
  const shards: T[][] = Array.from({ length: shardCount }, () => []);
  const shardOfKey = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    let shard = shardOfKey.get(key);
    if (shard === undefined) {
      shard = stableShardOf(key, shardCount);
      shardOfKey.set(key, shard);
    }
    shards[shard]?.push(item);
  }
  return shards;
}

/**
 * The smallest count from `from` up to `max` whose fullest shard holds at most `limit` items, or `undefined` when none
 * does: what a config rule names when a count is too small.
 */
export function smallestShardCountThatFits<T>(items: readonly T[], keyOf: (item: T) => string, limit: number, from: number, max: number): number | undefined {
  for (let count = from; count <= max; count++) {
    if (Math.max(0, ...shardBy(items, keyOf, count).map((shard) => shard.length)) <= limit) return count;
  }
  return undefined;
}
