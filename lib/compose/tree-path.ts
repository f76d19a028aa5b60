import { isMap, isSeq, type PMap, type PNode } from './tree';

/**
 * A path pattern over the compose tree, as in compose-go's `tree.Path`: segments separated by dots, `*` matching
 * any one segment (`services.*.environment`). Paths are kept as segment arrays so service names containing a
 * dot are not split.
 */
export type PathPattern = readonly string[];

export function pattern(text: string): PathPattern {
  return text.split('.');
}

export function matches(path: readonly string[], patternSegments: PathPattern): boolean {
  return path.length === patternSegments.length && patternSegments.every((s, i) => s === '*' || s === path[i]);
}

/** The first rule whose pattern matches `path`. */
export function ruleFor<T>(rules: ReadonlyArray<readonly [PathPattern, T]>, path: readonly string[]): T | undefined {
  return rules.find(([p]) => matches(path, p))?.[1];
}

/** Structural equality of two trees, ignoring positions, tags and map key order (Go's reflect.DeepEqual on the dict). */
export function sameValue(a: PNode, b: PNode): boolean {
  if (a.kind === 'scalar' || b.kind === 'scalar') return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
  if (isSeq(a) && isSeq(b)) return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!));
  if (isMap(a) && isMap(b)) {
    return a.entries.length === b.entries.length && a.entries.every((e) => {
      const other = b.entries.find((o) => o.key === e.key);
      return other !== undefined && sameValue(e.value, other.value);
    });
  }
  return false;
}

/** Go's `%v` rendering of a scalar, used where compose-go turns `KEY: value` into the string `KEY=value`. */
export function goString(node: PNode): string {
  if (node.kind !== 'scalar') return JSON.stringify(node);
  return node.value === null ? '<nil>' : String(node.value);
}

/** True for a YAML null (`key:` or `key: null`). */
export function isNull(node: PNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

/** The map with the value under `key` replaced by `update(value)`; other entries and positions are kept. */
export function updateEntry(map: PMap, key: string, update: (value: PNode) => PNode): PMap {
  return { ...map, entries: map.entries.map((e) => (e.key === key ? { ...e, value: update(e.value) } : e)) };
}
