import * as path from 'path';
import { pattern, ruleFor, updateEntry, type PathPattern } from './tree-path';
import { isMap, isSeq, type PMap, type PNode } from './tree';

/**
 * Makes the relative paths of a service absolute against `dir`, for services taken from another file by
 * `extends: {file}` (compose-go resolves them against the extended file's directory, not the project's). In
 * short volume syntax only `.`-relative sources are bind mounts; `data:/data` names a volume and stays.
 */
export function rebaseServicePaths(service: PNode, dir: string): PNode {
  return rebase(service, [], dir, SERVICE_PATHS);
}

/** The same for a whole included project: every service, and the `file` of top-level secrets and configs. */
export function rebaseProjectPaths(project: PMap, dir: string): PMap {
  return rebase(project, [], dir, PROJECT_PATHS) as PMap;
}

type Rebaser = (node: PNode, dir: string) => PNode;

function toAbsolute(p: string, dir: string): string {
  return p === '' || path.isAbsolute(p) || p.startsWith('~') ? p : path.join(dir, p);
}

const absolute: Rebaser = (node, dir) => mapString(node, (p) => toAbsolute(p, dir));

/** A build context may be a URL or git reference, which stays as written. */
const REMOTE_CONTEXT = /^[a-z]+:\/\/|^git@|^github\.com\//i;
const buildContext: Rebaser = (node, dir) => mapString(node, (p) => (REMOTE_CONTEXT.test(p) ? p : toAbsolute(p, dir)));

/** `./src:/app:ro` → `/abs/src:/app:ro`; `data:/data` (a named volume) stays. */
const shortVolume: Rebaser = (node, dir) =>
  mapString(node, (spec) => {
    if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && !spec.startsWith('.:')) return spec;
    const [source = '', ...rest] = spec.split(':');
    return [path.join(dir, source), ...rest].join(':');
  });

const volume: Rebaser = (node, dir) => {
  if (!isMap(node)) return shortVolume(node, dir);
  const type = node.entries.find((e) => e.key === 'type')?.value;
  if (type?.kind !== 'scalar' || type.value !== 'bind') return node;
  return updateEntry(node, 'source', (source) => absolute(source, dir));
};

/** env_file: a path, a list of paths, or a list of `{path, required}`. */
const envFile: Rebaser = (node, dir) => {
  if (isSeq(node)) return { ...node, items: node.items.map((item) => envFile(item, dir)) };
  if (isMap(node)) return updateEntry(node, 'path', (file) => absolute(file, dir));
  return absolute(node, dir);
};

const eachItem =
  (rebaser: Rebaser): Rebaser =>
  (node, dir) =>
    isSeq(node) ? { ...node, items: node.items.map((item) => rebaser(item, dir)) } : rebaser(node, dir);

const build: Rebaser = (node, dir) => {
  if (!isMap(node)) return buildContext(node, dir);
  return updateEntry(node, 'context', (context) => buildContext(context, dir));
};

type Rules = ReadonlyArray<readonly [PathPattern, Rebaser]>;

/** compose-go `paths/resolve.go`: the attributes of a service that hold host paths. */
const SERVICE_RULES: ReadonlyArray<readonly [string, Rebaser]> = [
  ['build', build],
  ['env_file', envFile],
  ['label_file', eachItem(absolute)],
  ['extends.file', absolute],
  ['develop.watch.*.path', absolute],
  ['volumes.*', volume],
];
const SERVICE_PATHS: Rules = SERVICE_RULES.map(([p, rebaser]) => [pattern(p), rebaser]);
const PROJECT_PATHS: Rules = [
  ...SERVICE_RULES.map(([p, rebaser]) => [pattern(`services.*.${p}`), rebaser] as const),
  [pattern('configs.*.file'), absolute],
  [pattern('secrets.*.file'), absolute],
];

function rebase(node: PNode, at: string[], dir: string, rules: Rules): PNode {
  const rebaser = ruleFor(rules, at);
  if (rebaser) return rebaser(node, dir);
  if (isMap(node)) {
    return { ...node, entries: node.entries.map((e) => ({ ...e, value: rebase(e.value, [...at, e.key], dir, rules) })) };
  }
  if (isSeq(node)) return { ...node, items: node.items.map((item, i) => rebase(item, [...at, String(i)], dir, rules)) };
  return node;
}

function mapString(node: PNode, fn: (value: string) => string): PNode {
  return node.kind === 'scalar' && typeof node.value === 'string' ? { ...node, value: fn(node.value) } : node;
}
