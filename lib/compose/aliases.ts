import type { Diagnostic } from '../errors';
import type { StageResult } from './codes';
import { mergeNode } from './merge';
import { isNull, matches, pattern, type PathPattern } from './tree-path';
import { isMap, isSeq, type PMap, type PMapEntry, type PNode } from './tree';

/** An attribute that Compose used as an `x-` extension before adopting it (compose-go `extensionAliases`). */
interface ExtensionAlias {
  /** The mapping that holds the attribute; `[]` matches any sequence item. */
  readonly parent: PathPattern;
  readonly from: string;
  readonly to: string;
}

/** Outermost first, so a promoted `develop` is searched for `x-initialSync` afterwards. */
const EXTENSION_ALIASES: readonly ExtensionAlias[] = [
  { parent: pattern('services.*'), from: 'x-develop', to: 'develop' },
  { parent: pattern('services.*.develop.watch.[]'), from: 'x-initialSync', to: 'initial_sync' },
];

/**
 * Renames `x-develop` to `develop` and `x-initialSync` to `initial_sync` where Compose reads them as those
 * attributes (compose-go `promoteAliases`, run on every document after interpolation). When the attribute is
 * also set, the extension is merged under it, so the attribute wins.
 */
export function promoteAliases(document: PMap): StageResult<PMap> {
  const diagnostics: Diagnostic[] = [];
  const result = promote(document, [], diagnostics) as PMap;
  return diagnostics.length > 0 ? { diagnostics } : { result, diagnostics };
}

function promote(node: PNode, path: string[], diagnostics: Diagnostic[]): PNode {
  if (isSeq(node)) return { ...node, items: node.items.map((item) => promote(item, [...path, '[]'], diagnostics)) };
  if (!isMap(node)) return node;
  let entries: readonly PMapEntry[] = node.entries;
  for (const alias of EXTENSION_ALIASES) {
    const extension = entries.find((e) => e.key === alias.from);
    if (!extension || !matches(path, alias.parent)) continue;
    const attribute = entries.find((e) => e.key === alias.to);
    const value = !attribute || isNull(attribute.value)
      ? extension.value
      : mergeNode(extension.value, attribute.value, [...path, alias.to], diagnostics);
    entries = [...entries.filter((e) => e.key !== alias.from && e.key !== alias.to), { key: alias.to, keyPos: extension.keyPos, value }];
  }
  return { ...node, entries: entries.map((e) => ({ ...e, value: promote(e.value, [...path, e.key], diagnostics) })) };
}
