import type { Diagnostic } from '../errors';
import { diagnostic, type StageResult } from './codes';
import { removeResetPaths, type TaggedDocument } from './merge-tags';
import { goString, isNull, pattern, ruleFor, sameValue, type PathPattern } from './tree-path';
import { isMap, isSeq, pmap, pscalar, pseq, type PMap, type PMapEntry, type PNode, type PSeq } from './tree';
import { enforceUnicity, keyValueIndexer, uniqueEntries } from './unicity';

/**
 * Merges one compose document over the merged result of the previous ones, with compose-go's rules
 * (`override/merge.go`): mappings merge key by key, sequences append without exact duplicates, scalars are
 * replaced, a null in the override keeps the base, and the special cases below apply where both sides define
 * the attribute. `!reset` removes what earlier files set and `!override` replaces it. Sequences that must be
 * unique (ports, volumes, environment, …) are then de-duplicated by key, last entry winning.
 *
 * Merged values keep the positions of the nodes that won, so a diagnostic points into the file that set them.
 */
export function mergeDocuments(base: PMap, override: TaggedDocument): StageResult<PMap> {
  const diagnostics: Diagnostic[] = [];
  const merged = mergeMappings(removeResetPaths(base, override.resetPaths), override.tree, [], diagnostics);
  if (diagnostics.length > 0) return { diagnostics };
  return { result: enforceUnicity(merged), diagnostics };
}

/** Merges a service over the service it extends, with the same per-attribute rules (compose-go `ExtendService`). */
export function mergeService(base: PMap, service: PMap): StageResult<PMap> {
  const diagnostics: Diagnostic[] = [];
  const merged = mergeMappings(base, service, ['services', 'x'], diagnostics);
  return diagnostics.length > 0 ? { diagnostics } : { result: merged, diagnostics };
}

type Merger = (base: PNode, override: PNode, path: string[], diagnostics: Diagnostic[]) => PNode;

const replace: Merger = (_base, override) => override;

/** `environment`, `labels`, …: both sides as `KEY=value` lists, concatenated, one entry per key, last wins. */
const mergeKeyValueSequence: Merger = (base, override) =>
  uniqueEntries(pseq([...toSequence(base).items, ...toSequence(override).items], base.pos), keyValueIndexer);

/** `dns`, `env_file`, `extra_hosts`, `tmpfs`: both sides as lists, appended without exact duplicates. */
const mergeToSequence: Merger = (base, override) => appendWithoutDuplicates(toSequence(base), toSequence(override));

/** `depends_on`: list form becomes a mapping with Compose's defaults for each dependency. */
const DEPENDS_ON_DEFAULTS = { condition: 'service_started', required: true } as const;
const mergeDependsOn: Merger = (base, override, path, diagnostics) =>
  mergeMappings(toMapping(base, DEPENDS_ON_DEFAULTS), toMapping(override, DEPENDS_ON_DEFAULTS), path, diagnostics);

/** `networks` (of a service), `models`: list form becomes a mapping of nulls. */
const mergeAsMapping: Merger = (base, override, path, diagnostics) =>
  mergeMappings(toMapping(base), toMapping(override), path, diagnostics);

/** `build: ./dir` is `build: {context: ./dir}`. */
const mergeBuild: Merger = (base, override, path, diagnostics) => {
  const asMap = (node: PNode): PMap =>
    isMap(node) ? node : pmap([{ key: 'context', keyPos: node.pos, value: node }], node.pos);
  return mergeMappings(asMap(base), asMap(override), path, diagnostics);
};

/** A logging block with another driver replaces the base block; with the same (or no) driver it merges. */
const mergeLogging: Merger = (base, override, path, diagnostics) => {
  if (!isMap(base) || !isMap(override)) return typeMismatch(base, override, path, diagnostics);
  const driver = (node: PMap): PNode | undefined => node.entries.find((e) => e.key === 'driver')?.value;
  const [baseDriver, overrideDriver] = [driver(base), driver(override)];
  if (!baseDriver || !overrideDriver || sameValue(baseDriver, overrideDriver)) {
    return mergeMappings(base, override, path, diagnostics);
  }
  return override;
};

/** `ulimits.nofile`: two mappings merge; anything else is replaced. */
const mergeUlimit: Merger = (base, override, path, diagnostics) =>
  isMap(base) && isMap(override) ? mergeMappings(base, override, path, diagnostics) : override;

/**
 * `networks.*.ipam.config`, compose-go `mergeIPAMConfig` step for step: for every base entry, an override entry
 * with a new subnet is added, and any other override entry is merged over the base entry, replacing the entry
 * with its subnet.
 */
const mergeIpamConfig: Merger = (base, override, path, diagnostics) => {
  if (!isSeq(base) || !isSeq(override)) return typeMismatch(base, override, path, diagnostics);
  const subnet = (node: PMap): PNode | undefined => node.entries.find((e) => e.key === 'subnet')?.value;
  const sameSubnet = (a: PMap, b: PMap): boolean => {
    const [x, y] = [subnet(a), subnet(b)];
    return x === undefined || y === undefined ? x === y : sameValue(x, y);
  };
  const configs: PMap[] = [];
  for (const original of base.items) {
    let right = toMapping(original);
    for (const left of override.items.map((item) => toMapping(item))) {
      if (!sameSubnet(left, right) && !configs.some((c) => sameSubnet(c, left))) {
        configs.push(left);
        continue;
      }
      // Like compose-go, an override entry already added for its subnet is merged over this base entry too.
      right = mergeMappings(right, left, path, diagnostics);
      const index = configs.findIndex((c) => sameSubnet(c, right));
      if (index >= 0) configs[index] = right;
      else configs.push(right);
    }
  }
  return pseq(configs, base.pos);
};

const SERVICE_RULES: ReadonlyArray<readonly [string, Merger]> = [
  ['annotations', mergeKeyValueSequence],
  ['build', mergeBuild],
  ['build.args', mergeKeyValueSequence],
  ['build.additional_contexts', mergeKeyValueSequence],
  ['build.extra_hosts', mergeToSequence],
  ['build.labels', mergeKeyValueSequence],
  ['command', replace],
  ['depends_on', mergeDependsOn],
  ['dns', mergeToSequence],
  ['dns_opt', mergeToSequence],
  ['dns_search', mergeToSequence],
  ['entrypoint', replace],
  ['env_file', mergeToSequence],
  ['label_file', mergeToSequence],
  ['environment', mergeKeyValueSequence],
  ['extra_hosts', mergeToSequence],
  ['healthcheck.test', replace],
  ['labels', mergeKeyValueSequence],
  ['volumes.*.volume.labels', mergeKeyValueSequence],
  ['logging', mergeLogging],
  ['models', mergeAsMapping],
  ['networks', mergeAsMapping],
  ['sysctls', mergeKeyValueSequence],
  ['tmpfs', mergeToSequence],
  ['ulimits.*', mergeUlimit],
];

/** compose-go's `mergeSpecials`, one line per rule; `services.*` rules also apply to `jobs.*`. */
const MERGE_RULES: ReadonlyArray<readonly [PathPattern, Merger]> = [
  ['networks.*.ipam.config', mergeIpamConfig] as const,
  ...(['networks', 'volumes', 'secrets', 'configs'] as const).map((kind) => [`${kind}.*.labels`, mergeKeyValueSequence] as const),
  ...(['services', 'jobs'] as const).flatMap((kind) => SERVICE_RULES.map(([p, m]) => [`${kind}.*.${p}`, m] as const)),
  ['services.*.deploy.labels', mergeKeyValueSequence] as const,
].map(([p, merger]) => [pattern(p), merger] as const);

/** compose-go `MergeYaml`: merges `override` over `base` at `path` (which selects the special rules). */
export function mergeNode(base: PNode, override: PNode, path: string[], diagnostics: Diagnostic[]): PNode {
  const special = ruleFor(MERGE_RULES, path);
  if (special) return special(base, override, path, diagnostics);
  if (isNull(override)) return base;
  if (isMap(base) && isMap(override)) return mergeMappings(base, override, path, diagnostics);
  if (isSeq(base) && isSeq(override)) return appendWithoutDuplicates(base, override);
  if (isMap(base) || isSeq(base)) return typeMismatch(base, override, path, diagnostics);
  return override;
}

/** Base keys in their order, each merged with the override's value; keys new in the override are appended. */
function mergeMappings(base: PMap, override: PMap, path: string[], diagnostics: Diagnostic[]): PMap {
  const entries: PMapEntry[] = [...base.entries];
  for (const entry of override.entries) {
    const index = entries.findIndex((e) => e.key === entry.key);
    const existing = entries[index];
    if (!existing) {
      entries.push(entry);
      continue;
    }
    entries[index] = { ...existing, value: mergeNode(existing.value, entry.value, [...path, entry.key], diagnostics) };
  }
  return { ...base, entries };
}

function appendWithoutDuplicates(base: PSeq, override: PSeq): PSeq {
  const items = [...base.items];
  for (const item of override.items) if (!items.some((existing) => sameValue(existing, item))) items.push(item);
  return { ...base, items };
}

/** compose-go `convertIntoSequence`: a mapping becomes sorted `KEY=value` strings (`KEY` for a null value). */
function toSequence(node: PNode): PSeq {
  if (isSeq(node)) return node;
  if (node.kind === 'scalar') return pseq(typeof node.value === 'string' ? [node] : [], node.pos);
  const items = node.entries.flatMap(({ key, keyPos, value }) => {
    if (isNull(value)) return [pscalar(key, keyPos)];
    const values = isSeq(value) ? value.items : [value];
    return values.map((v) => pscalar(`${key}=${goString(v)}`, v.pos));
  });
  const text = (n: PNode): string => (n.kind === 'scalar' ? String(n.value) : '');
  return pseq(
    items.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0)),
    node.pos,
  );
}

/** compose-go `convertIntoMapping`: a name or list of names becomes a mapping, each name given `defaults`. */
function toMapping(node: PNode, defaults?: Record<string, string | boolean>): PMap {
  if (isNull(node)) return pmap([], node.pos);
  if (isMap(node)) return node;
  const names = isSeq(node) ? node.items : [node];
  return pmap(
    names.map((name) => ({
      key: goString(name),
      keyPos: name.pos,
      value: defaults ? fromDefaults(defaults, name) : pscalar(null, name.pos),
    })),
    node.pos,
  );
}

function fromDefaults(defaults: Record<string, string | boolean>, at: PNode): PMap {
  return pmap(
    Object.entries(defaults).map(([key, value]) => ({ key, keyPos: at.pos, value: pscalar(value, at.pos) })),
    at.pos,
  );
}

function typeMismatch(base: PNode, override: PNode, path: string[], diagnostics: Diagnostic[]): PNode {
  diagnostics.push(
    diagnostic('merge-type-mismatch', `cannot override ${path.join('.')}: a ${base.kind} cannot be merged with a ${override.kind}`, {
      pos: override.pos,
      path: path.join('.'),
      fix: 'use the same form (mapping or list) as the base file, or tag the value !override',
    }),
  );
  return override;
}
