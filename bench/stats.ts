/** Order statistics of repeated measurements: the median for the headline, the range for the spread. */
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median, minimum and maximum of `values` (at least one). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { runs: sorted.length, median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}
