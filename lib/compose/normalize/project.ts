import { PMap, PMapEntry, PNode, child, isMap, pmap, pscalar } from '../tree';
import { entry, scalarEntry, text, withDefault } from './nodes';

/** Top-level resource kinds whose entries get a runtime name (`<project>_<key>`) as in compose-go. */
const NAMED_RESOURCES = ['networks', 'volumes', 'secrets', 'configs'] as const;

/**
 * Project-wide defaults compose-go applies after canonical syntax: the project `name` (the one in effect, which
 * `-p` or `COMPOSE_PROJECT_NAME` may have overridden), a `default` network for
 * every service that names none (and no `network_mode`), and the runtime name of every top-level network,
 * volume, secret and config (`<project>_<key>`, or the key itself for `external` ones).
 */
export function applyProjectDefaults(tree: PMap, projectName: string): PMap {
  const services = child(tree, 'services');
  const withDefaultNetworks = isMap(services) ? defaultServiceNetworks(services) : undefined;
  const usesDefault =
    withDefaultNetworks?.entries.some((s) => isMap(child(s.value, 'networks')) && child(child(s.value, 'networks'), 'default') !== undefined) ??
    false;
  const entries: PMapEntry[] = [];
  const seen = new Set<string>();
  for (const e of tree.entries) {
    seen.add(e.key);
    if (e.key === 'services' && withDefaultNetworks) entries.push({ ...e, value: withDefaultNetworks });
    else if (e.key === 'networks' && usesDefault) entries.push({ ...e, value: nameResources(withDefaultNetwork(e.value), projectName) });
    else if ((NAMED_RESOURCES as readonly string[]).includes(e.key)) entries.push({ ...e, value: nameResources(e.value, projectName) });
    else entries.push(e);
  }
  if (usesDefault && !seen.has('networks')) {
    entries.push(entry('networks', nameResources(withDefaultNetwork(pmap([], tree.pos)), projectName), tree.pos));
  }
  const declared = entries.find((e) => e.key === 'name');
  const named = declared
    ? entries.map((e) => (e === declared ? entry('name', pscalar(projectName, e.value.pos), e.keyPos) : e))
    : [scalarEntry('name', projectName, tree.pos), ...entries];
  return pmap(named, tree.pos, tree.tag);
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

function withDefaultNetwork(networks: PNode): PNode {
  if (!isMap(networks)) return networks;
  return withDefault(networks, 'default', pmap([], networks.pos));
}

function nameResources(resources: PNode, projectName: string): PNode {
  if (!isMap(resources)) return resources;
  return pmap(
    resources.entries.map((r) => {
      const config = isMap(r.value) ? r.value : pmap([], r.value.pos ?? r.keyPos);
      const external = text(child(config, 'external')) === 'true';
      return { ...r, value: withDefault(config, 'name', external ? r.key : `${projectName}_${r.key}`) };
    }),
    resources.pos,
    resources.tag,
  );
}

/**
 * compose-go's `NormalizeProjectName`: lower case, only `a-z0-9_-`, starting with a letter or digit; used when
 * neither the files nor the caller name the project (the directory name is the fallback).
 */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}
