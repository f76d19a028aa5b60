/**
 * Differences between compose-go and our loader that the differential test accepts, each with the reason.
 * An entry that no longer matches any difference fails the test, so the list only ever shrinks to the truth.
 * Loader bugs do not belong here: they are written up in /work/notes/compose-ref.md and fixed.
 */
import type { JsonDifference } from '../support/json-diff';

export interface KnownDifference {
  /**
   * Dotted path pattern into the projected JSON: `*` matches one key or index, `x-*` one key with that prefix,
   * a trailing `**` any rest (`services.*.environment.**`). Match keys that contain dots with `*`.
   */
  readonly path: string;
  /**
   * Case ids (`real/zulip__docker-zulip#1`) the entry is limited to.
   * @default - every corpus case
   */
  readonly cases?: readonly string[];
  /** Why this is intended, or why compose-go is the one we do not follow. */
  readonly reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    path: 'services.*.x-*',
    cases: ['inline/scalar-types'],
    reason:
      'compose-go leaves extension fields below the top level out of its JSON (every nested Extensions field is ' +
      'tagged json:"-"; `config --format yaml` keeps them). Our loader keeps them because the converter reads ' +
      'the per-service x-webstack block.',
  },
];

/** The first entry of `known` that accepts `difference` in `caseId`, if any. */
export function findKnown(
  caseId: string,
  difference: JsonDifference,
  known: readonly KnownDifference[] = KNOWN_DIFFERENCES,
): KnownDifference | undefined {
  return known.find((k) => (k.cases === undefined || k.cases.includes(caseId)) && pathMatches(k.path, difference.path));
}

function pathMatches(pattern: string, path: readonly (string | number)[]): boolean {
  const segments = pattern.split('.');
  for (const [i, segment] of segments.entries()) {
    if (segment === '**' && i === segments.length - 1) return path.length >= i;
    if (i >= path.length || !segmentMatches(segment, String(path[i]))) return false;
  }
  return segments.length === path.length;
}

function segmentMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : pattern === key;
}
