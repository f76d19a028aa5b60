import type { PMap, PMapEntry, PNode } from './tree';

/**
 * `!reset` and `!override` as compose-go's `ResetProcessor` applies them before a merge: every mapping path in
 * the override that carries either tag is removed from the base, `!reset` values are dropped from the override
 * and `!override` values stay, so the merge that follows inserts them whole. Tagged sequence items only affect
 * the override's own sequence (compose-go cannot remove single items from the base).
 */
export function applyMergeTags(base: PMap, override: PMap): { base: PMap; override: PMap } {
  const paths: string[][] = [];
  const cleaned = stripTags(override, [], paths) as PMap;
  return { base: paths.length ? removePaths(base, [], paths) : base, override: cleaned };
}

/** The override without tagged nodes (`!reset`) or tags (`!override`), recording the mapping paths of both. */
function stripTags(node: PNode, path: string[], paths: string[][]): PNode | undefined {
  if (node.tag === '!reset') {
    paths.push(path);
    return undefined;
  }
  if (node.tag === '!override') {
    paths.push(path);
    return untag(node);
  }
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'seq':
      // Item paths are recorded like compose-go does, but can never match a base mapping key.
      return { ...node, items: node.items.flatMap((item, i) => stripTags(item, [...path, String(i)], []) ?? []) };
    case 'map':
      return {
        ...node,
        entries: node.entries.flatMap((entry): PMapEntry[] => {
          const value = stripTags(entry.value, [...path, entry.key], paths);
          return value ? [{ ...entry, value }] : [];
        }),
      };
  }
}

/** A node and its descendants without merge tags: inside an `!override` value, tags have no further meaning. */
function untag(node: PNode): PNode {
  const { tag: _tag, ...rest } = node;
  switch (rest.kind) {
    case 'scalar':
      return rest;
    case 'seq':
      return { ...rest, items: rest.items.map(untag) };
    case 'map':
      return { ...rest, entries: rest.entries.map((e) => ({ ...e, value: untag(e.value) })) };
  }
}

function removePaths(node: PMap, path: string[], paths: string[][]): PMap {
  const entries = node.entries.flatMap((entry): PMapEntry[] => {
    const next = [...path, entry.key];
    if (paths.some((p) => p.length === next.length && p.every((s, i) => s === next[i]))) return [];
    return [entry.value.kind === 'map' ? { ...entry, value: removePaths(entry.value, next, paths) } : entry];
  });
  return { ...node, entries };
}
