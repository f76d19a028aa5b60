import { isMap, pmap } from '../tree';
import { withDefault } from './nodes';
import type { Rule } from './rule';

/**
 * `services.*.deploy`: compose-go prints `resources` and `placement` as empty objects when a deploy block
 * leaves them out (they are structs, not pointers, in its model); we do the same so the shapes compare.
 */
export const deploy: Rule = (node) =>
  isMap(node) ? withDefault(withDefault(node, 'resources', pmap([], node.pos)), 'placement', pmap([], node.pos)) : node;
