import type { SourcePosition } from '../../errors';
import { PNode, isMap, isSeq } from '../tree';

/**
 * Positions of every key and list item below a node, by dotted path relative to it: map keys at the key's
 * position, list items at the item's. Free-form maps (`environment`, `labels`) are included too, so a warning
 * about one variable can point at its line.
 */
export function collectPositions(node: PNode): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {};
  const walk = (current: PNode, prefix: string): void => {
    if (isMap(current)) {
      for (const e of current.entries) {
        const path = prefix === '' ? e.key : `${prefix}.${e.key}`;
        const pos = e.keyPos ?? e.value.pos;
        if (pos) positions[path] = pos;
        walk(e.value, path);
      }
    } else if (isSeq(current)) {
      current.items.forEach((item, i) => {
        const path = prefix === '' ? String(i) : `${prefix}.${i}`;
        if (item.pos) positions[path] = item.pos;
        walk(item, path);
      });
    }
  };
  walk(node, '');
  return positions;
}
