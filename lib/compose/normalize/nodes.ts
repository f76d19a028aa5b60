import { PMap, PMapEntry, PNode, PScalar, isScalar, pmap, pscalar } from '../tree';
import type { SourcePosition } from '../../errors';

/** Small constructors and readers shared by the normalization rules. */

/** A map entry; a key a rule synthesizes sits where its value came from unless `keyPos` says otherwise. */
export function entry(key: string, value: PNode, keyPos?: SourcePosition): PMapEntry {
  return { key, keyPos: keyPos ?? value.pos, value };
}

/** A scalar entry whose key and value both sit at `pos` (for keys a rule synthesizes). */
export function scalarEntry(key: string, value: PScalar['value'], pos?: SourcePosition): PMapEntry {
  return entry(key, pscalar(value, pos), pos);
}

/** The text of a scalar (numbers and booleans as YAML prints them); undefined for maps, sequences and null. */
export function text(node: PNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

/** `map` with `key` set to `value` when it is missing (compose-go's defaults), keeping the map's position. */
export function withDefault(map: PMap, key: string, value: PScalar['value'] | PNode): PMap {
  if (map.entries.some((e) => e.key === key)) return map;
  const node = isNode(value) ? value : pscalar(value, map.pos);
  return pmap([...map.entries, entry(key, node, map.pos)], map.pos, map.tag);
}

/** `map` with the value under `key` replaced by `f(value)`; unchanged when the key is missing. */
export function mapValue(map: PMap, key: string, f: (value: PNode) => PNode): PMap {
  if (!map.entries.some((e) => e.key === key)) return map;
  return pmap(
    map.entries.map((e) => (e.key === key ? { ...e, value: f(e.value) } : e)),
    map.pos,
    map.tag,
  );
}

function isNode(value: PScalar['value'] | PNode): value is PNode {
  return value !== null && typeof value === 'object';
}

