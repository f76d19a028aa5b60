import type { PMap, PMapEntry, PNode } from './tree';

/** A parsed compose document with its `!reset` / `!override` tags taken out and remembered as paths. */
export interface TaggedDocument {
  /** The document without `!reset` values and without tags. */
  readonly tree: PMap;
  /** Mapping paths that carried either tag: what earlier files set there is removed before merging. */
  readonly resetPaths: readonly (readonly string[])[];
}

/**
 * `!reset` and `!override` as compose-go's `ResetProcessor` reads them: `!reset` values are dropped from the
 * document and `!override` values stay; the paths of both are recorded so that {@link removeResetPaths} can
 * clear them from the base before the merge, which then inserts `!override` values whole. Tagged sequence
 * items only affect the document's own sequence (compose-go cannot remove single items from a base sequence).
 */
export function splitMergeTags(document: PMap): TaggedDocument {
  const resetPaths: string[][] = [];
  return { tree: stripTags(document, [], resetPaths) as PMap, resetPaths };
}

/** The base without the entries at `paths` (compose-go `ResetProcessor.Apply`). */
export function removeResetPaths(base: PMap, paths: readonly (readonly string[])[]): PMap {
  return paths.length ? removePaths(base, [], paths) : base;
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

function removePaths(node: PMap, path: string[], paths: readonly (readonly string[])[]): PMap {
  const entries = node.entries.flatMap((entry): PMapEntry[] => {
    const next = [...path, entry.key];
    if (paths.some((p) => p.length === next.length && p.every((s, i) => s === next[i]))) return [];
    return [entry.value.kind === 'map' ? { ...entry, value: removePaths(entry.value, next, paths) } : entry];
  });
  return { ...node, entries };
}
