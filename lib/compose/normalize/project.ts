import { PMap, PMapEntry, PNode, child, isMap, isSeq, pmap, pscalar } from '../tree';
import { entry, scalarEntry, text, withDefault } from './nodes';

/** Top-level resource kinds that services refer to by key. */
const RESOURCE_KINDS = ['networks', 'volumes', 'secrets', 'configs'] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];
type UsedResources = Record<ResourceKind, Set<string>>;

/**
 * Project-wide defaults compose-go applies after canonical syntax:
 * - the project `name` in effect (`-p` or `COMPOSE_PROJECT_NAME` may override the file's); the obsolete
 *   `version` is dropped (validate reports it on the tree as written);
 * - a `default` network for every service that names none and sets no `network_mode`, declared at top level
 *   when used;
 * - only the networks, volumes, secrets and configs some service uses are kept (compose-go's
 *   `WithoutUnnecessaryResources`: override files for test runs declare volumes their few services never mount);
 * - each kept resource gets its runtime name (`<project>_<key>`, or the key for `external` ones), and networks
 *   the empty `ipam` compose-go prints.
 */
export function applyProjectDefaults(tree: PMap, projectName: string): PMap {
  const declaredServices = child(tree, 'services');
  const services = isMap(declaredServices) ? defaultServiceNetworks(declaredServices) : undefined;
  const used = usedResources(services);
  const needsNetworks = used.networks.has('default') && !tree.entries.some((e) => e.key === 'networks');
  const withNetworks = needsNetworks ? [...tree.entries, entry('networks', pmap([], tree.pos), tree.pos)] : tree.entries;
  const entries = withNetworks.flatMap((e): PMapEntry[] => {
    if (e.key === 'services' && services) return [{ ...e, value: services }];
    if (e.key === 'name') return [entry('name', pscalar(projectName, e.value.pos), e.keyPos)];
    if (e.key === 'version') return [];
    if (!isResourceKind(e.key)) return [e];
    const kept = keepUsed(e.key, e.value, used[e.key], projectName);
    return kept ? [{ ...e, value: kept }] : [];
  });
  const named = entries.some((e) => e.key === 'name') ? entries : [scalarEntry('name', projectName, tree.pos), ...entries];
  return pmap(named, tree.pos, tree.tag);
}

function isResourceKind(key: string): key is ResourceKind {
  return (RESOURCE_KINDS as readonly string[]).includes(key);
}

function defaultServiceNetworks(services: PMap): PMap {
  return pmap(
    services.entries.map((s) => {
      if (!isMap(s.value) || child(s.value, 'networks') !== undefined || child(s.value, 'network_mode') !== undefined) {
        return s;
      }
      const networks = pmap([entry('default', pscalar(null, s.value.pos), s.keyPos)], s.value.pos);
      return { ...s, value: withDefault(s.value, 'networks', networks) };
    }),
    services.pos,
    services.tag,
  );
}

/** What the services refer to, from their canonical (long) forms. */
function usedResources(services: PMap | undefined): UsedResources {
  const used: UsedResources = { networks: new Set(), volumes: new Set(), secrets: new Set(), configs: new Set() };
  for (const { value: service } of services?.entries ?? []) {
    const networks = child(service, 'networks');
    for (const e of isMap(networks) ? networks.entries : []) used.networks.add(e.key);
    for (const kind of ['volumes', 'secrets', 'configs'] as const) {
      const mounts = child(service, kind);
      for (const mount of isSeq(mounts) ? mounts.items : []) {
        const source = text(child(mount, 'source'));
        if (source !== undefined && (kind !== 'volumes' || text(child(mount, 'type')) === 'volume')) used[kind].add(source);
      }
    }
    const buildSecrets = child(child(service, 'build'), 'secrets');
    for (const secret of isSeq(buildSecrets) ? buildSecrets.items : []) {
      const source = text(child(secret, 'source')) ?? text(secret);
      if (source !== undefined) used.secrets.add(source);
    }
  }
  return used;
}

/** The used entries of one top-level section, configured; undefined when none is left. */
function keepUsed(kind: ResourceKind, section: PNode, used: ReadonlySet<string>, projectName: string): PNode | undefined {
  if (!isMap(section)) return section;
  const declared = kind === 'networks' && used.has('default') ? withDefault(section, 'default', pmap([], section.pos)) : section;
  const kept = declared.entries.filter((r) => used.has(r.key)).map((r) => ({ ...r, value: configure(kind, r, projectName) }));
  return kept.length > 0 ? pmap(kept, section.pos, section.tag) : undefined;
}

function configure(kind: ResourceKind, resource: PMapEntry, projectName: string): PNode {
  const config = isMap(resource.value) ? resource.value : pmap([], resource.value.pos ?? resource.keyPos);
  const external = text(child(config, 'external')) === 'true';
  const named = withDefault(config, 'name', external ? resource.key : `${projectName}_${resource.key}`);
  return kind === 'networks' ? withDefault(named, 'ipam', pmap([], config.pos)) : named;
}

/**
 * compose-go's `NormalizeProjectName`: lower case, only `a-z0-9_-`, starting with a letter or digit; used when
 * neither the files nor the caller name the project (the directory name is the fallback).
 */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}
