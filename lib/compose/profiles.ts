import type { Diagnostic } from '../errors';
import { diagnostic, type StageResult } from './codes';
import { updateEntry } from './tree-path';
import { child, isMap, isSeq, type PMap } from './tree';

/** The merged tree with inactive services removed, and the names of those services. */
export interface ProfileSelection {
  readonly tree: PMap;
  readonly disabledServices: string[];
}

/**
 * Keeps the services that are active for the selected profiles, as compose-go's `WithProfiles`: a service
 * without `profiles` is always active; one with profiles is active when any of them is selected, or when `*` is.
 * Each skipped service gets an info diagnostic; a project whose services are all skipped is an error, because an
 * empty conversion is never what the user meant.
 */
export function selectProfiles(tree: PMap, selected: readonly string[]): StageResult<ProfileSelection> {
  const services = child(tree, 'services');
  if (!isMap(services) || services.entries.length === 0) return { result: { tree, disabledServices: [] }, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const disabledServices: string[] = [];
  const active = services.entries.filter(({ key, keyPos, value }) => {
    const profilesNode = child(value, 'profiles');
    const profiles = isSeq(profilesNode) ? profilesNode.items.map((p) => (p.kind === 'scalar' ? String(p.value) : '')) : [];
    if (profiles.length === 0 || selected.includes('*') || profiles.some((p) => selected.includes(p))) return true;
    disabledServices.push(key);
    diagnostics.push(
      diagnostic('profiles-inactive-service', `service "${key}" is skipped: none of its profiles (${profiles.join(', ')}) is active`, {
        pos: profilesNode?.pos ?? keyPos,
        path: `services.${key}.profiles`,
        fix: `pass --profile ${profiles[0] ?? ''} (or set COMPOSE_PROFILES) to convert it`,
      }),
    );
    return false;
  });
  if (active.length === 0) {
    diagnostics.push(
      diagnostic('profiles-no-services', `no service is active with the selected profiles (${selected.join(', ') || 'none'})`, {
        pos: services.pos,
        path: 'services',
        fix: 'select a profile with --profile NAME or COMPOSE_PROFILES, or --profile "*" for all services',
      }),
    );
    return { diagnostics };
  }
  const filtered: PMap = { ...services, entries: active };
  return { result: { tree: updateEntry(tree, 'services', () => filtered), disabledServices }, diagnostics };
}

/**
 * `docker compose config SERVICE...`: keeps the named services and, transitively, the services they depend on
 * (`depends_on`, `links`), as compose-go's `WithServices` does. A name the project does not have is an error
 * naming the ones it has. An empty selection keeps every service.
 */
export function selectServices(tree: PMap, requested: readonly string[]): StageResult<PMap> {
  const services = child(tree, 'services');
  if (requested.length === 0 || !isMap(services)) return { result: tree, diagnostics: [] };
  const names = services.entries.map((e) => e.key);
  const unknown = requested.filter((name) => !names.includes(name));
  if (unknown.length) {
    return {
      diagnostics: unknown.map((name) =>
        diagnostic('service-unknown', `no such service: ${name}`, { pos: services.pos, path: 'services', value: name, fix: `name one of ${names.join(', ')}` }),
      ),
    };
  }
  const keep = new Set<string>();
  const visit = (name: string): void => {
    if (keep.has(name)) return;
    keep.add(name);
    const service = services.entries.find((e) => e.key === name)?.value;
    for (const dependency of dependenciesOf(service)) if (names.includes(dependency)) visit(dependency);
  };
  requested.forEach(visit);
  const filtered: PMap = { ...services, entries: services.entries.filter((e) => keep.has(e.key)) };
  return { result: updateEntry(tree, 'services', () => filtered), diagnostics: [] };
}

/** The services one service needs started first: its `depends_on` (list or map form) and `links` targets. */
function dependenciesOf(service: ReturnType<typeof child>): string[] {
  const dependsOn = child(service, 'depends_on');
  const fromDependsOn = isMap(dependsOn) ? dependsOn.entries.map((e) => e.key) : isSeq(dependsOn) ? dependsOn.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')) : [];
  const links = child(service, 'links');
  const fromLinks = isSeq(links) ? links.items.map((i) => (i.kind === 'scalar' ? String(i.value).split(':')[0] ?? '' : '')) : [];
  return [...fromDependsOn, ...fromLinks];
}
