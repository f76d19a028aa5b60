/**
 * "Did you mean" for unknown keys. Optimal string alignment distance (Levenshtein plus adjacent transpositions):
 * the commonest key typo is two swapped letters (`imgae`), which plain Levenshtein counts as two edits and would
 * rank below unrelated short keys.
 */
export function closestKey(unknown: string, candidates: Iterable<string>): string | undefined {
  const budget = unknown.length <= 3 ? 1 : unknown.length <= 7 ? 2 : 3;
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const distance = editDistance(unknown.toLowerCase(), key.toLowerCase());
    if (distance <= budget && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
