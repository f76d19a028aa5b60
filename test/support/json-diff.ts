/**
 * Structural differences between two JSON values, reported at the shallowest path where they part: a key
 * present on one side only is one difference carrying the whole subtree, not one per leaf.
 */

/** One place where two JSON documents disagree. `undefined` means the side has nothing at `path`. */
export interface JsonDifference {
  /** Keys and list indices from the root; kept as segments because keys may contain dots (`traefik.enable`). */
  readonly path: readonly (string | number)[];
  readonly theirs: unknown;
  readonly ours: unknown;
}

export function diffJson(theirs: unknown, ours: unknown, path: readonly (string | number)[] = []): JsonDifference[] {
  if (Array.isArray(theirs) && Array.isArray(ours)) {
    const length = Math.max(theirs.length, ours.length);
    return Array.from({ length }, (_, i) => diffJson(theirs[i], ours[i], [...path, i])).flat();
  }
  if (isObject(theirs) && isObject(ours)) {
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(ours)])].sort();
    return keys.flatMap((k) => diffJson(theirs[k], ours[k], [...path, k]));
  }
  return Object.is(theirs, ours) ? [] : [{ path, theirs, ours }];
}

/** `services.web.ports.0.published`; a key with a dot is bracketed (`labels["traefik.enable"]`) to stay unambiguous. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((s, i) => (typeof s === 'string' && /[.\s[\]"]/.test(s) ? `[${JSON.stringify(s)}]` : `${i === 0 ? '' : '.'}${s}`))
    .join('');
}

/** A value on one line, shortened to `max` characters; `undefined` reads as `(absent)`. */
export function formatValue(value: unknown, max = 100): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
