import type { SourcePosition } from '../errors';

/**
 * The one tree every loader stage works on: plain YAML data where every node remembers where it came from, so a
 * value that survives interpolation, merging and normalisation can still be reported at file:line:column.
 * Stages build new nodes rather than mutating shared ones; a synthesized node (a default, a normalised long
 * form) carries the position of the source node it was derived from.
 */
export type PNode = PMap | PSeq | PScalar;

export interface PBase {
  /** Where the node's value starts. Absent only for nodes with no source at all. */
  readonly pos?: SourcePosition;
  /** `!reset` / `!override` merge tags, kept until the merge stage consumes them. */
  readonly tag?: '!reset' | '!override';
}

export interface PMapEntry {
  readonly key: string;
  /** Position of the key itself (for "unknown key" and "duplicate key" diagnostics). */
  readonly keyPos?: SourcePosition;
  readonly value: PNode;
}

export interface PMap extends PBase {
  readonly kind: 'map';
  /** Insertion-ordered entries; keys are unique (the parser reports duplicates). */
  readonly entries: readonly PMapEntry[];
}

export interface PSeq extends PBase {
  readonly kind: 'seq';
  readonly items: readonly PNode[];
}

export interface PScalar extends PBase {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /** True when the YAML scalar was quoted or block text, i.e. a string the author meant as a string. */
  readonly quoted?: boolean;
}

export function pmap(entries: readonly PMapEntry[], pos?: SourcePosition, tag?: PBase['tag']): PMap {
  return { kind: 'map', entries, pos, tag };
}

export function pseq(items: readonly PNode[], pos?: SourcePosition, tag?: PBase['tag']): PSeq {
  return { kind: 'seq', items, pos, tag };
}

export function pscalar(value: PScalar['value'], pos?: SourcePosition, quoted?: boolean): PScalar {
  return { kind: 'scalar', value, pos, quoted };
}

export function isMap(node: PNode | undefined): node is PMap {
  return node?.kind === 'map';
}

export function isSeq(node: PNode | undefined): node is PSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: PNode | undefined): node is PScalar {
  return node?.kind === 'scalar';
}

/** The value under `key` in a map node, or undefined. */
export function child(node: PNode | undefined, key: string): PNode | undefined {
  return isMap(node) ? node.entries.find((e) => e.key === key)?.value : undefined;
}

/** Walks a dotted path (`services.web.ports.0`); numeric segments index sequences. */
export function at(node: PNode | undefined, path: string | readonly string[]): PNode | undefined {
  const segments = typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path;
  let current = node;
  for (const segment of segments) {
    if (isSeq(current)) current = current.items[Number(segment)];
    else current = child(current, segment);
    if (!current) return undefined;
  }
  return current;
}

/** The plain JavaScript value of a tree (positions dropped), e.g. for JSON-schema validation or comparison. */
export function toPlain(node: PNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value)]));
  }
}

/** Builds a tree from plain data, every node at `pos` (for values that come from the CLI or defaults). */
export function fromPlain(value: unknown, pos?: SourcePosition): PNode {
  if (Array.isArray(value)) return pseq(value.map((v) => fromPlain(v, pos)), pos);
  if (value !== null && typeof value === 'object') {
    return pmap(Object.entries(value).map(([key, v]) => ({ key, keyPos: pos, value: fromPlain(v, pos) })), pos);
  }
  if (value === undefined) return pscalar(null, pos);
  return pscalar(value as PScalar['value'], pos);
}
