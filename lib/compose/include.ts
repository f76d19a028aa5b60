import * as path from 'path';
import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type StageResult } from './codes';
import { loadEnvironment } from './dotenv';
import { mergeNode } from './merge';
import { removeResetPaths, type TaggedDocument } from './merge-tags';
import { rebaseProjectPaths } from './rebase-paths';
import { sameValue, updateEntry } from './tree-path';
import { child, isMap, isScalar, isSeq, pmap, type PMap, type PMapEntry, type PNode } from './tree';

/** Everything `include` needs from the loader around it. */
export interface IncludeContext {
  /** The including project's directory: include paths, project_directory and env_file are relative to it. */
  readonly workingDir: string;
  /** The including project's interpolation environment; it wins over the include's env files. */
  readonly environment: Record<string, string>;
  /** Files on the include chain, outermost first, for cycle detection. */
  readonly included: readonly string[];
  /** Loads and merges a project (the full loader pipeline) with its own directory and environment. */
  readonly loadProject: (
    files: string[],
    workingDir: string,
    environment: Record<string, string>,
    included: readonly string[],
  ) => StageResult<PMap>;
  readonly exists: (file: string) => boolean;
  /** Why an included file may not be read (see FileAccess.refusal). */
  readonly refusal: (file: string) => string | undefined;
  readonly readFile: (file: string) => string;
}

/** How deep `include` is followed; real projects nest one or two levels, and every level is a recursion. */
export const MAX_INCLUDE_DEPTH = 32;

interface IncludeEntry {
  readonly paths: string[];
  readonly projectDirectory: string;
  readonly envFiles: string[];
  readonly pos?: SourcePosition;
}

const RESOURCE_KINDS = ['services', 'jobs', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;

/**
 * Applies a document's top-level `include` like compose-go's `ApplyInclude`: each entry (a path, or
 * `{path, env_file, project_directory}`) is loaded as its own project, with its own directory and `.env`, and
 * its resources are added to the document. A resource the document defines too is merged, the document winning
 * (compose-go v2.16 merges rather than failing); an identical one reached twice is kept once. Relative paths of
 * the included project become absolute against its directory. A file that includes itself, directly or not, is
 * an `include-cycle` error.
 */
export function applyInclude(document: TaggedDocument, context: IncludeContext): StageResult<TaggedDocument> {
  const includeNode = child(document.tree, 'include');
  if (!includeNode) return { result: document, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let tree: PMap = { ...document.tree, entries: document.tree.entries.filter((e) => e.key !== 'include') };
  const entries = isSeq(includeNode) ? includeNode.items : [includeNode];
  for (const node of entries) {
    const entry = readEntry(node, context, diagnostics);
    if (!entry) continue;
    const imported = loadEntry(entry, context, diagnostics);
    if (imported) tree = importResources(imported, tree, document.resetPaths, diagnostics);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { result: { ...document, tree }, diagnostics };
}

/** A string or list of strings (compose-go `StringList`); undefined when anything else is there. */
function stringList(value: PNode | undefined): string[] | undefined {
  if (value === undefined) return [];
  const items = isSeq(value) ? value.items : [value];
  const strings = items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
  return strings.length === items.length ? strings : undefined;
}

function readEntry(node: PNode, context: IncludeContext, diagnostics: Diagnostic[]): IncludeEntry | undefined {
  const paths = stringList(isMap(node) ? child(node, 'path') : node);
  const envFiles = stringList(isMap(node) ? child(node, 'env_file') : undefined);
  const projectDirectory = isMap(node) ? child(node, 'project_directory') : undefined;
  if (!paths?.length || !envFiles || (projectDirectory && !(isScalar(projectDirectory) && typeof projectDirectory.value === 'string'))) {
    diagnostics.push(
      diagnostic('include-invalid', 'an include entry is a path or {path, env_file, project_directory}', {
        pos: node.pos,
        path: 'include',
        fix: 'write `- path/to/compose.yaml` or `- path: path/to/compose.yaml`',
      }),
    );
    return undefined;
  }
  const absolute = paths.map((p) => path.resolve(context.workingDir, p));
  const first = absolute[0] ?? context.workingDir;
  const dir = isScalar(projectDirectory)
    ? path.resolve(context.workingDir, String(projectDirectory.value))
    : path.dirname(first);
  return { paths: absolute, projectDirectory: dir, envFiles: envFiles.map((f) => path.resolve(context.workingDir, f)), pos: node.pos };
}

function loadEntry(entry: IncludeEntry, context: IncludeContext, diagnostics: Diagnostic[]): PMap | undefined {
  const main = entry.paths[0] ?? '';
  if (context.included.length >= MAX_INCLUDE_DEPTH) {
    diagnostics.push(diagnostic('include-too-deep', `includes nest more than ${MAX_INCLUDE_DEPTH} files deep`, { pos: entry.pos, path: 'include', value: main, fix: 'include the files from fewer levels' }));
    return undefined;
  }
  if (context.included.includes(main)) {
    const chain = [...context.included, main].join(' -> ');
    diagnostics.push(diagnostic('include-cycle', `include cycle detected: ${chain}`, { pos: entry.pos, path: 'include', value: main }));
    return undefined;
  }
  for (const file of entry.paths) {
    const refused = context.refusal(file);
    const missing = refused === undefined && !context.exists(file);
    if (refused !== undefined || missing) {
      const message = missing ? `included file ${file} does not exist` : `included file ${file} ${refused}`;
      diagnostics.push(diagnostic(missing ? 'file-not-found' : 'file-refused', message, { pos: entry.pos, path: 'include', value: file, fix: missing ? 'check the include path' : 'include files from inside the project, or allow the directory with --allow-path' }));
      return undefined;
    }
  }
  const defaultEnv = path.join(entry.projectDirectory, '.env');
  const explicitEnvFiles = entry.envFiles.filter((f) => f !== '/dev/null');
  const envFiles = entry.envFiles.length > 0 ? explicitEnvFiles : context.exists(defaultEnv) ? [defaultEnv] : [];
  const env = loadEnvironment(envFiles, context.environment, context.readFile);
  diagnostics.push(...env.diagnostics);
  if (!env.result) return undefined;
  const loaded = context.loadProject(entry.paths, entry.projectDirectory, env.result.interpolation, context.included);
  diagnostics.push(...loaded.diagnostics);
  return loaded.result && rebaseProjectPaths(loaded.result, entry.projectDirectory);
}

/** compose-go `importResources`: new resources are added; a resource defined on both sides is merged, local wins. */
function importResources(source: PMap, target: PMap, resetPaths: TaggedDocument['resetPaths'], diagnostics: Diagnostic[]): PMap {
  let entries = [...target.entries];
  for (const kind of RESOURCE_KINDS) {
    const from = child(source, kind);
    if (!isMap(from)) continue;
    const index = entries.findIndex((e) => e.key === kind);
    const existing = entries[index]?.value;
    const to: PMap = isMap(existing) ? existing : pmap([], from.pos);
    const merged = from.entries.reduce((acc, resource) => importResource(acc, kind, resource, resetPaths, diagnostics), to);
    const entry: PMapEntry = { key: kind, keyPos: entries[index]?.keyPos, value: merged };
    entries = index >= 0 ? entries.map((e, i) => (i === index ? entry : e)) : [...entries, entry];
  }
  return { ...target, entries };
}

function importResource(
  to: PMap,
  kind: string,
  resource: PMapEntry,
  resetPaths: TaggedDocument['resetPaths'],
  diagnostics: Diagnostic[],
): PMap {
  const local = to.entries.find((e) => e.key === resource.key);
  if (!local) return { ...to, entries: [...to.entries, resource] };
  if (sameValue(local.value, resource.value)) return to;
  // The including file's !reset / !override paths apply to the imported definition before the local one wins.
  const wrapped = pmap([{ key: kind, value: pmap([resource]) }]);
  const imported = child(child(removeResetPaths(wrapped, resetPaths), kind), resource.key) ?? resource.value;
  const value = mergeNode(imported, local.value, [kind, resource.key], diagnostics);
  return updateEntry(to, resource.key, () => value);
}
