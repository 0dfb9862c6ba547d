/**
 * "Did you mean": the known name closest to one that was not recognised (a config key, an endpoint service). A short
 * Levenshtein distance, case-insensitive, so `organisation` finds `organization` and `homeRegoin` finds `homeRegion`.
 */

/** Levenshtein distance: how many single-character insertions, deletions or substitutions turn one word into the other. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a likely typo: at most a third of
 * the word edited (at least 2 edits allowed, so a swapped pair of letters is found in a short word), and never a
 * candidate that shares nothing with it. Ties go to the first candidate, so the order of the candidates decides.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  let best: { readonly name: string; readonly distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (best === undefined) return undefined;
  const closeEnough = best.distance <= Math.max(2, Math.ceil(word.length / 3)) && best.distance < Math.max(word.length, best.name.length);
  return closeEnough ? best.name : undefined;
}
