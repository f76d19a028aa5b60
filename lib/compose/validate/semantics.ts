import type { Diagnostic, SourcePosition } from '../../errors';
import { PMap, PMapEntry, child, isMap, isSeq } from '../tree';
import { text } from '../normalize/nodes';
import { validateDiagnostic } from './codes';

/**
 * Cross-reference checks the JSON schema cannot express, on the normalized tree (long syntax everywhere, so
 * each check reads one shape): every service, network, volume, secret and config a service names must exist,
 * and service names must stay distinct as Kubernetes DNS labels.
 */
export function semanticDiagnostics(tree: PMap, exists: (file: string) => boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const services = child(tree, 'services');
  const serviceEntries = isMap(services) ? services.entries : [];
  const serviceNames = new Set(serviceEntries.map((s) => s.key));
  const declared = (kind: string): ReadonlySet<string> => {
    const section = child(tree, kind);
    return new Set(isMap(section) ? section.entries.map((e) => e.key) : []);
  };
  const resources = { networks: declared('networks'), volumes: declared('volumes'), secrets: declared('secrets'), configs: declared('configs') };

  for (const service of serviceEntries) {
    if (isMap(service.value)) {
      checkService(service.key, service.value, service.keyPos, serviceNames, resources, diagnostics);
      checkEnvFiles(service.key, service.value, exists, diagnostics);
    }
  }
  diagnostics.push(...dnsCollisions(serviceEntries));
  diagnostics.push(...dependencyCycles(serviceEntries));
  return diagnostics;
}

/** compose-go refuses a project whose `depends_on` graph has a cycle (`dependency cycle detected`); so do we, once per cycle. */
function dependencyCycles(services: readonly PMapEntry[]): Diagnostic[] {
  const edges = new Map(services.map((s) => {
    const dependsOn = child(s.value, 'depends_on');
    return [s.key, isMap(dependsOn) ? dependsOn.entries : []] as const;
  }));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: Diagnostic[] = [];
  const visit = (name: string, chain: string[]): void => {
    if (state.get(name) === 'done') return;
    state.set(name, 'visiting');
    for (const dep of edges.get(name) ?? []) {
      if (state.get(dep.key) === 'visiting') {
        const path = [...chain, name];
        const cycle = [...path.slice(path.indexOf(dep.key)), dep.key];
        out.push(
          validateDiagnostic('depends-on-cycle', `dependency cycle detected: ${cycle.join(' -> ')}`, {
            pos: dep.keyPos,
            path: `services.${name}.depends_on.${dep.key}`,
            value: dep.key,
            fix: `remove one depends_on of the cycle (${cycle.join(' -> ')})`,
          }),
        );
      } else if (edges.has(dep.key)) {
        visit(dep.key, [...chain, name]);
      }
    }
    state.set(name, 'done');
  };
  for (const name of edges.keys()) visit(name, []);
  return out;
}

interface Declared {
  readonly networks: ReadonlySet<string>;
  readonly volumes: ReadonlySet<string>;
  readonly secrets: ReadonlySet<string>;
  readonly configs: ReadonlySet<string>;
}

function checkService(
  name: string,
  service: PMap,
  namePos: SourcePosition | undefined,
  services: ReadonlySet<string>,
  declared: Declared,
  out: Diagnostic[],
): void {
  const base = `services.${name}`;
  if (child(service, 'image') === undefined && child(service, 'build') === undefined) {
    out.push(
      validateDiagnostic('service-image-missing', `service ${name} has neither image nor build`, {
        pos: namePos,
        path: base,
        fix: 'add image: (or build: with a context)',
      }),
    );
  }
  const dependsOn = child(service, 'depends_on');
  for (const dep of isMap(dependsOn) ? dependsOn.entries : []) {
    if (services.has(dep.key)) continue;
    const optional = text(child(dep.value, 'required')) === 'false';
    out.push(
      validateDiagnostic(optional ? 'depends-on-optional-undefined' : 'depends-on-undefined', `${name} depends on undefined service ${dep.key}`, {
        pos: dep.keyPos,
        path: `${base}.depends_on.${dep.key}`,
        value: dep.key,
        fix: `define service ${dep.key} or remove it from depends_on`,
      }),
    );
  }
  const links = child(service, 'links');
  (isSeq(links) ? links.items : []).forEach((link, i) => {
    const target = (text(link) ?? '').split(':')[0] as string;
    if (!services.has(target)) {
      out.push(
        validateDiagnostic('links-undefined', `${name} links to undefined service ${target}`, {
          pos: link.pos,
          path: `${base}.links.${i}`,
          value: text(link),
          fix: `define service ${target} or remove the link`,
        }),
      );
    }
  });
  const extendsNode = child(service, 'extends');
  const extended = text(extendsNode) ?? (child(extendsNode, 'file') === undefined ? text(child(extendsNode, 'service')) : undefined);
  if (extended !== undefined && !services.has(extended)) {
    out.push(
      validateDiagnostic('extends-undefined', `${name} extends undefined service ${extended}`, {
        pos: extendsNode?.pos,
        path: `${base}.extends`,
        value: extended,
        fix: `define service ${extended} or fix the name`,
      }),
    );
  }
  const networkMode = text(child(service, 'network_mode'));
  if (networkMode?.startsWith('service:') && !services.has(networkMode.slice('service:'.length))) {
    out.push(
      validateDiagnostic('network-mode-service-undefined', `${name} shares the network of an undefined service`, {
        pos: child(service, 'network_mode')?.pos,
        path: `${base}.network_mode`,
        value: networkMode,
        fix: 'name an existing service',
      }),
    );
  }
  checkNetworks(service, declared.networks, base, out);
  checkSources(service, 'volumes', declared.volumes, 'volume-undefined', base, out);
  checkSources(service, 'secrets', declared.secrets, 'secret-undefined', base, out);
  checkSources(service, 'configs', declared.configs, 'config-undefined', base, out);
}

/** Compose refuses to load a project whose required env_file is missing (compose-go `WithResolvedPaths`/`env_file`). */
function checkEnvFiles(name: string, service: PMap, exists: (file: string) => boolean, out: Diagnostic[]): void {
  const envFiles = child(service, 'env_file');
  (isSeq(envFiles) ? envFiles.items : []).forEach((item, i) => {
    const file = text(child(item, 'path'));
    if (file === undefined || text(child(item, 'required')) === 'false' || exists(file)) return;
    out.push(
      validateDiagnostic('env-file-missing', `env file ${file} of service ${name} not found`, {
        pos: child(item, 'path')?.pos ?? item.pos,
        path: `services.${name}.env_file.${i}`,
        value: file,
        fix: 'create the file (often by copying the project\'s example env file), or mark it `required: false`',
      }),
    );
  });
}

function checkNetworks(service: PMap, declared: ReadonlySet<string>, base: string, out: Diagnostic[]): void {
  const networks = child(service, 'networks');
  for (const e of isMap(networks) ? networks.entries : []) {
    if (!declared.has(e.key)) out.push(undefinedResource('network-undefined', 'network', e.key, e.keyPos, `${base}.networks.${e.key}`));
  }
}

function checkSources(
  service: PMap,
  key: 'volumes' | 'secrets' | 'configs',
  declared: ReadonlySet<string>,
  code: 'volume-undefined' | 'secret-undefined' | 'config-undefined',
  base: string,
  out: Diagnostic[],
): void {
  const section = child(service, key);
  (isSeq(section) ? section.items : []).forEach((item, i) => {
    // Only named volumes refer to the top-level section; bind, tmpfs and anonymous mounts stand alone.
    if (key === 'volumes' && text(child(item, 'type')) !== 'volume') return;
    const source = text(child(item, 'source'));
    if (source !== undefined && !declared.has(source)) {
      out.push(undefinedResource(code, key.slice(0, -1), source, item.pos, `${base}.${key}.${i}`));
    }
  });
}

function undefinedResource(
  code: 'network-undefined' | 'volume-undefined' | 'secret-undefined' | 'config-undefined',
  kind: string,
  name: string,
  pos: SourcePosition | undefined,
  path: string,
): Diagnostic {
  return validateDiagnostic(code, `${kind} ${name} is not declared`, {
    pos,
    path,
    value: name,
    fix: `declare it under top-level ${kind}s:`,
  });
}

/**
 * `version:` is obsolete: Compose ignores it (and compose-go drops it from the normalized project, so this runs
 * on the tree as written).
 */
export function obsoleteKeyDiagnostics(tree: PMap): Diagnostic[] {
  const version = tree.entries.find((e) => e.key === 'version');
  return version
    ? [
        validateDiagnostic('version-obsolete', 'version is obsolete and ignored', {
          pos: version.keyPos,
          path: 'version',
          value: text(version.value),
          fix: 'remove the version key',
        }),
      ]
    : [];
}

/** Kubernetes object names are DNS-1123 labels: `web_app` and `web-app` would both become `web-app`. */
export function dnsLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

function dnsCollisions(services: readonly PMapEntry[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const s of services) {
    const label = dnsLabel(s.key);
    const first = seen.get(label);
    if (first === undefined) seen.set(label, s.key);
    else {
      out.push(
        validateDiagnostic('service-name-collision', `services ${first} and ${s.key} both become ${label} in Kubernetes`, {
          pos: s.keyPos,
          path: `services.${s.key}`,
          value: s.key,
          fix: `rename ${s.key}`,
        }),
      );
    }
  }
  return out;
}
