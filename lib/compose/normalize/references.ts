import { PNode, child, isMap, isScalar, isSeq, pmap, pscalar, pseq } from '../tree';
import { entry, mapValue, scalarEntry, text, withDefault } from './nodes';
import { resolveHostPath } from './volumes';
import type { Rule } from './rule';

/** `services.*.configs.*`: a bare name is `{source: name}`, as in compose-go. */
export const fileMount: Rule = (node) =>
  isScalar(node) && typeof node.value === 'string' ? pmap([scalarEntry('source', node.value, node.pos)], node.pos) : node;

/** `services.*.secrets.*`: as {@link fileMount}, and the target defaults to `/run/secrets/<source>`. */
export const secretMount: Rule = (node, ctx) => {
  const mount = fileMount(node, ctx);
  const source = text(child(mount, 'source'));
  return isMap(mount) && source !== undefined ? withDefault(mount, 'target', `/run/secrets/${source}`) : mount;
};

/** Host paths elsewhere (`develop.watch.*.path`) resolve against the project directory. */
export const hostPath: Rule = (node, ctx) => resolvedScalar(node, ctx);

/** `services.*.networks`: the list form is a map of network name to null (no per-network options). */
export const serviceNetworks: Rule = (node) => {
  if (!isSeq(node)) return node;
  return pmap(
    node.items.flatMap((item) => {
      const name = text(item);
      return name === undefined ? [] : [entry(name, pscalar(null, item.pos), item.pos)];
    }),
    node.pos,
    node.tag,
  );
};

/**
 * `services.*.env_file`: string, list of strings or long form into `[{path, required, format?}]` with absolute
 * paths; `required` defaults to true. The files are not read here: values must never be baked in from them.
 */
export const envFile: Rule = (node, ctx) => {
  const items = isSeq(node) ? node.items : isScalar(node) ? [node] : undefined;
  if (!items) return node;
  return pseq(
    items.map((item): PNode => {
      const file = text(item);
      if (file !== undefined) {
        return pmap(
          [scalarEntry('path', resolveHostPath(file, ctx), item.pos), scalarEntry('required', true, item.pos)],
          item.pos,
        );
      }
      if (!isMap(item)) return item;
      return withDefault(mapValue(item, 'path', (p) => resolvedScalar(p, ctx)), 'required', true);
    }),
    node.pos,
    node.tag,
  );
};

const REMOTE_CONTEXT = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

/**
 * `services.*.build`: a string is the context; the context resolves against the project directory (remote
 * contexts such as git URLs stay as written) and `dockerfile` defaults to `Dockerfile`, as in compose-go.
 */
export const build: Rule = (node, ctx) => {
  const map = isScalar(node) && typeof node.value === 'string' ? pmap([scalarEntry('context', node.value, node.pos)], node.pos) : node;
  if (!isMap(map)) return node;
  const withContext = withDefault(map, 'context', '.');
  return withDefault(
    mapValue(withContext, 'context', (c) => {
      const context = text(c);
      return context !== undefined && !REMOTE_CONTEXT.test(context) ? resolvedScalar(c, ctx) : c;
    }),
    'dockerfile',
    'Dockerfile',
  );
};

/**
 * Top-level `secrets.*` / `configs.*` `file:` paths resolve against the project directory.
 */
export const resourceFile: Rule = (node, ctx) =>
  isMap(node) ? mapValue(node, 'file', (f) => resolvedScalar(f, ctx)) : node;

function resolvedScalar(node: PNode, ctx: Parameters<Rule>[1]): PNode {
  const value = text(node);
  return value === undefined ? node : pscalar(resolveHostPath(value, ctx), node.pos);
}

