import { pattern, ruleFor, type PathPattern } from './tree-path';
import { isMap, type PMap, type PNode, type PSeq } from './tree';

/** The identity of a sequence entry; undefined when the entry has no usable key (the validate stage reports it). */
type Indexer = (entry: PNode) => string | undefined;

function scalarText(node: PNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function field(node: PNode, key: string): PNode | undefined {
  return isMap(node) ? node.entries.find((e) => e.key === key)?.value : undefined;
}

/** `KEY=value` and `KEY` are both keyed by KEY. */
const keyValue: Indexer = (entry) =>
  entry.kind === 'scalar' && typeof entry.value === 'string' ? entry.value.split('=')[0] : undefined;

/** Short syntax `[source:]target[:mode]` or long syntax `{target}`. */
const volumeTarget: Indexer = (entry) => {
  if (isMap(entry)) return scalarText(field(entry, 'target'));
  const text = scalarText(entry);
  if (text === undefined) return undefined;
  const parts = text.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
};

/** `source[:target[:permissions]]`: keyed by the container path. */
const deviceTarget: Indexer = (entry) => {
  if (isMap(entry)) return scalarText(field(entry, 'target'));
  const parts = scalarText(entry)?.split(':');
  return parts && (parts.length === 1 ? parts[0] : parts[1]);
};

/** Short syntax is keyed by its text; long syntax by host_ip:published:target/protocol, with Compose defaults. */
const portKey: Indexer = (entry) => {
  if (!isMap(entry)) return scalarText(entry);
  const target = scalarText(field(entry, 'target'));
  if (target === undefined) return undefined;
  const host = scalarText(field(entry, 'host_ip')) ?? '0.0.0.0';
  const protocol = scalarText(field(entry, 'protocol')) ?? 'tcp';
  return `${host}:${scalarText(field(entry, 'published')) ?? ''}:${target}/${protocol}`;
};

/** Secrets and configs are keyed by where they are mounted; the short form mounts at `<dir>/<name>`. */
function mountTarget(defaultDir: string): Indexer {
  return (entry) => {
    if (!isMap(entry)) {
      const name = scalarText(entry);
      return name === undefined ? undefined : `${defaultDir}/${name}`;
    }
    return scalarText(field(entry, 'target')) ?? `${defaultDir}/${scalarText(field(entry, 'source')) ?? ''}`;
  };
}

const envFilePath: Indexer = (entry) => (isMap(entry) ? scalarText(field(entry, 'path')) : scalarText(entry));

/** compose-go `override/uncity.go`: sequences whose entries must be unique, and what identifies an entry. */
const UNIQUE_RULES: ReadonlyArray<readonly [string, Indexer]> = [
  ['networks.*.labels', keyValue],
  ['networks.*.ipam.options', keyValue],
  ['services.*.annotations', keyValue],
  ['services.*.build.args', keyValue],
  ['services.*.build.additional_contexts', keyValue],
  ['services.*.build.platform', keyValue],
  ['services.*.build.tags', keyValue],
  ['services.*.build.labels', keyValue],
  ['services.*.cap_add', keyValue],
  ['services.*.cap_drop', keyValue],
  ['services.*.configs', mountTarget('')],
  ['services.*.deploy.labels', keyValue],
  ['services.*.devices', deviceTarget],
  ['services.*.dns', keyValue],
  ['services.*.dns_opt', keyValue],
  ['services.*.dns_search', keyValue],
  ['services.*.environment', keyValue],
  ['services.*.env_file', envFilePath],
  ['services.*.expose', scalarText],
  ['services.*.labels', keyValue],
  ['services.*.links', keyValue],
  ['services.*.networks.*.aliases', keyValue],
  ['services.*.networks.*.link_local_ips', keyValue],
  ['services.*.ports', portKey],
  ['services.*.profiles', keyValue],
  ['services.*.secrets', mountTarget('/run/secrets')],
  ['services.*.sysctls', keyValue],
  ['services.*.tmpfs', keyValue],
  ['services.*.volumes', volumeTarget],
];
const UNIQUE: ReadonlyArray<readonly [PathPattern, Indexer]> = UNIQUE_RULES.map(([p, indexer]) => [pattern(p), indexer]);

/**
 * Keeps one entry per key in the sequences of {@link UNIQUE}: the last entry for a key wins, at the place of the
 * first (compose-go `EnforceUnicity`). The loader runs it after every merge; the normalize stage should run it
 * again on long-syntax ports and volumes, because `"8080:80"` and `{target: 80, published: "8080"}` only
 * collide once both are in long form.
 */
export function enforceUnicity(tree: PMap): PMap {
  return unique(tree, []) as PMap;
}

function unique(node: PNode, path: readonly string[]): PNode {
  switch (node.kind) {
    case 'map':
      return { ...node, entries: node.entries.map((e) => ({ ...e, value: unique(e.value, [...path, e.key]) })) };
    case 'seq': {
      const indexer = ruleFor(UNIQUE, path);
      return indexer ? uniqueEntries(node, indexer) : node;
    }
    case 'scalar':
      return node;
  }
}

/** The last entry for a key takes effect at the position of the first; entries without a key are all kept. */
export function uniqueEntries(seq: PSeq, indexer: (entry: PNode) => string | undefined): PSeq {
  const items: PNode[] = [];
  const indexOf = new Map<string, number>();
  for (const entry of seq.items) {
    const key = indexer(entry);
    const existing = key === undefined ? undefined : indexOf.get(key);
    if (existing !== undefined) {
      items[existing] = entry;
      continue;
    }
    if (key !== undefined) indexOf.set(key, items.length);
    items.push(entry);
  }
  return { ...seq, items };
}

export { keyValue as keyValueIndexer };
