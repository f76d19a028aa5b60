import * as path from 'path';
import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type LoaderCode, type StageResult } from './codes';
import { mergeService } from './merge';
import { removeResetPaths, type TaggedDocument } from './merge-tags';
import { rebaseServicePaths } from './rebase-paths';
import { updateEntry } from './tree-path';
import { child, isMap, pmap, type PMap, type PMapEntry, type PNode } from './tree';

/** How long a chain of `extends` is followed; each link is a recursion, and real chains have two or three. */
export const MAX_EXTENDS_DEPTH = 64;

/** How `extends` reaches other files. */
export interface ExtendsContext {
  /** The absolute path of the file being processed (for cycle detection and messages). */
  readonly file: string;
  /** The directory `extends.file` is relative to: the project directory, or the extended file's directory. */
  readonly baseDir: string;
  readonly exists: (file: string) => boolean;
  /** Why an extended file may not be read (see FileAccess.refusal). */
  readonly refusal: (file: string) => string | undefined;
  /** Reads, parses and interpolates a compose file (absolute path), without extends, include or merging. */
  readonly loadDocument: (file: string) => StageResult<TaggedDocument>;
}

/** One resolution scope: the services of one file and the `!reset` paths of that file. */
interface Scope {
  readonly file: string;
  readonly baseDir: string;
  readonly services: Map<string, PNode>;
  readonly resetPaths: TaggedDocument['resetPaths'];
}

/**
 * Resolves `extends` in every service of a document, as compose-go's `ApplyExtends`: the extended service (same
 * file, or `file:` relative to the base directory) is resolved first, recursively; the extending file's
 * `!reset`/`!override` paths are cleared from it; then the service is merged over it with the override rules and
 * `extends` is dropped. Services from another file get their relative paths made absolute against that file's
 * directory. A loop is an `extends-cycle` error at the `extends` that closes it.
 */
export function applyExtends(document: TaggedDocument, context: ExtendsContext): StageResult<TaggedDocument> {
  const servicesNode = child(document.tree, 'services');
  if (!isMap(servicesNode)) return { result: document, diagnostics: [] };
  const resolver = new ExtendsResolver(context);
  const scope: Scope = {
    file: context.file,
    baseDir: context.baseDir,
    services: new Map(servicesNode.entries.map((e) => [e.key, e.value])),
    resetPaths: document.resetPaths,
  };
  for (const name of scope.services.keys()) resolver.resolve(name, scope, []);
  if (resolver.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: resolver.diagnostics };
  const services: PMap = {
    ...servicesNode,
    entries: servicesNode.entries.map((e) => ({ ...e, value: scope.services.get(e.key) ?? e.value })),
  };
  return { result: { ...document, tree: updateEntry(document.tree, 'services', () => services) }, diagnostics: resolver.diagnostics };
}

class ExtendsResolver {
  readonly diagnostics: Diagnostic[] = [];
  /** Other files' scopes by absolute path, loaded once; resolved services are written back, as compose-go does. */
  private readonly scopes = new Map<string, Scope | undefined>();

  constructor(private readonly context: ExtendsContext) {}

  /** The service `name` of `scope` with its `extends` resolved; chain holds `file\0service` of the callers. */
  resolve(name: string, scope: Scope, chain: readonly string[]): PNode | undefined {
    const service = scope.services.get(name);
    const extendsNode = child(service, 'extends');
    if (!isMap(service) || !extendsNode) return service;
    const reference = this.reference(extendsNode, name, scope);
    if (!reference) return service;
    const link = `${scope.file}\0${name}`;
    if (chain.includes(link)) {
      const loop = [...chain, link].map((l) => l.replace('\0', ':')).join(' -> ');
      this.error('extends-cycle', `circular extends: ${loop}`, extendsNode.pos, name);
      return service;
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      this.error('extends-too-deep', `services.${name} extends a chain of more than ${MAX_EXTENDS_DEPTH} services`, extendsNode.pos, name);
      return service;
    }
    const base = this.resolve(reference.service, reference.scope, [...chain, link]);
    if (!isMap(base)) return service;
    // The extending file's !reset/!override paths apply to the inherited service as if it were written there.
    const wrapped = pmap([{ key: 'services', value: pmap([{ key: name, value: base }]) }]);
    const cleared = child(child(removeResetPaths(wrapped, scope.resetPaths), 'services'), name);
    const merged = mergeService(isMap(cleared) ? cleared : pmap([], base.pos), service);
    this.diagnostics.push(...merged.diagnostics);
    if (!merged.result) return service;
    const resolved: PMap = { ...merged.result, entries: merged.result.entries.filter((e: PMapEntry) => e.key !== 'extends') };
    scope.services.set(name, resolved);
    return resolved;
  }

  private reference(node: PNode, name: string, scope: Scope): { service: string; scope: Scope } | undefined {
    const serviceNode = isMap(node) ? child(node, 'service') : node;
    const fileNode = isMap(node) ? child(node, 'file') : undefined;
    if (serviceNode?.kind !== 'scalar' || typeof serviceNode.value !== 'string') {
      this.error('extends-invalid', `services.${name}.extends needs a service name`, node.pos, name);
      return undefined;
    }
    const service = serviceNode.value;
    let target = scope;
    if (fileNode?.kind === 'scalar' && typeof fileNode.value === 'string') {
      const file = path.resolve(scope.baseDir, fileNode.value);
      const refused = file === scope.file ? undefined : this.context.refusal(file);
      if (refused !== undefined || (file !== scope.file && !this.context.exists(file))) {
        const missing = refused === undefined;
        this.diagnostics.push(
          diagnostic(missing ? 'file-not-found' : 'file-refused', missing ? `extended file ${file} does not exist` : `extended file ${file} ${refused}`, {
            pos: fileNode.pos,
            path: `services.${name}.extends.file`,
            value: file,
            fix: missing ? 'check the extends file path' : 'extend files from inside the project, or allow the directory with --allow-path',
          }),
        );
        return undefined;
      }
      const loaded = file === scope.file ? scope : this.scopeOf(file);
      if (!loaded) return undefined;
      target = loaded;
    }
    if (!target.services.has(service)) {
      const message = `cannot extend service "${name}": service "${service}" not found in ${target.file}`;
      this.error('extends-service-not-found', message, serviceNode.pos, name);
      return undefined;
    }
    return { service, scope: target };
  }

  /** The services of another file, loaded once (its load reports a missing or broken file). */
  private scopeOf(file: string): Scope | undefined {
    if (this.scopes.has(file)) return this.scopes.get(file);
    const loaded = this.context.loadDocument(file);
    this.diagnostics.push(...loaded.diagnostics);
    const services = child(loaded.result?.tree, 'services');
    const dir = path.dirname(file);
    const scope = loaded.result && {
      file,
      baseDir: dir,
      services: new Map(isMap(services) ? services.entries.map((e) => [e.key, rebaseServicePaths(e.value, dir)]) : []),
      resetPaths: loaded.result.resetPaths,
    };
    this.scopes.set(file, scope);
    return scope;
  }

  private error(code: LoaderCode, message: string, pos: SourcePosition | undefined, name: string): void {
    this.diagnostics.push(diagnostic(code, message, { pos, path: `services.${name}.extends` }));
  }
}
