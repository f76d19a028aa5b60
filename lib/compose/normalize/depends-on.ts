import { isMap, isSeq, pmap } from '../tree';
import { entry, scalarEntry, text, withDefault } from './nodes';
import type { Rule } from './rule';

/**
 * `services.*.depends_on`: the list form becomes compose-go's map `{condition: service_started, required: true}`
 * per service; the map form gets the same defaults for what it leaves out. An empty one (`depends_on: {}`, or
 * emptied by `!reset`) is dropped, as compose-go omits it.
 */
export const dependsOn: Rule = (node) => {
  if ((isSeq(node) && node.items.length === 0) || (isMap(node) && node.entries.length === 0)) return undefined;
  if (isSeq(node)) {
    return pmap(
      node.items.flatMap((item) => {
        const name = text(item);
        return name === undefined
          ? []
          : [
              entry(
                name,
                pmap(
                  [scalarEntry('condition', 'service_started', item.pos), scalarEntry('required', true, item.pos)],
                  item.pos,
                ),
                item.pos,
              ),
            ];
      }),
      node.pos,
      node.tag,
    );
  }
  if (!isMap(node)) return node;
  return pmap(
    node.entries.map((e) =>
      isMap(e.value)
        ? { ...e, value: withDefault(withDefault(e.value, 'condition', 'service_started'), 'required', true) }
        : e,
    ),
    node.pos,
    node.tag,
  );
};
