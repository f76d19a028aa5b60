import * as path from 'path';
import type { Diagnostic } from '../errors';
import { promoteAliases } from './aliases';
import { diagnostic, type StageResult } from './codes';
import { applyExtends } from './extends';
import { applyInclude } from './include';
import { interpolateTree } from './interpolate';
import { mergeDocuments } from './merge';
import { splitMergeTags, type TaggedDocument } from './merge-tags';
import { parseCompose } from './parse';
import { pmap, type PMap } from './tree';

/** File access for the loader; injectable so tests and in-memory projects need no disk. */
export interface FileAccess {
  /** Reads a UTF-8 file; throws when it cannot. */
  readonly readFile: (file: string) => string;
  readonly exists: (file: string) => boolean;
  /**
   * Why a file named inside the project (`include`, `extends.file`) may not be read: outside the project
   * directory and every `--allow-path`, or not a regular file. Undefined when it may.
   */
  readonly refusal: (file: string) => string | undefined;
  /**
   * Every variable interpolation substituted, with the value it had, so the converter can keep the secret ones
   * out of the manifests wherever they were interpolated (commands, probes, configs). Filled while loading.
   */
  readonly substituted: Map<string, string>;
}

/**
 * Loads and merges compose files in order, each document going through compose-go's per-file stages:
 * parse → interpolate → `x-` alias promotion → `!reset`/`!override` → include → extends → merge over the previous
 * documents.
 * `included` is the include chain above these files (for cycle detection). Never throws on user input.
 */
export function loadProject(
  files: readonly string[],
  workingDir: string,
  environment: Record<string, string>,
  io: FileAccess,
  included: readonly string[] = [],
): StageResult<PMap> {
  const diagnostics: Diagnostic[] = [];
  let merged: PMap = pmap([]);
  for (const file of files) {
    for (const document of readDocuments(file, environment, io, diagnostics)) {
      const withIncludes = applyInclude(document, {
        workingDir,
        environment,
        included: [...included, file],
        loadProject: (paths, dir, env, chain) => loadProject(paths, dir, env, io, chain),
        exists: io.exists,
        refusal: io.refusal,
        readFile: io.readFile,
      });
      diagnostics.push(...withIncludes.diagnostics);
      if (!withIncludes.result) continue;
      const extended = applyExtends(withIncludes.result, {
        file,
        baseDir: workingDir,
        exists: io.exists,
        refusal: io.refusal,
        loadDocument: (other) => loadExtendedFile(other, environment, io),
      });
      diagnostics.push(...extended.diagnostics);
      if (!extended.result) continue;
      const next = mergeDocuments(merged, extended.result);
      diagnostics.push(...next.diagnostics);
      merged = next.result ?? merged;
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { result: merged, diagnostics };
}

/** Parsed, interpolated documents of one file, with their merge tags split off; problems go to `diagnostics`. */
function readDocuments(file: string, environment: Record<string, string>, io: FileAccess, diagnostics: Diagnostic[]): TaggedDocument[] {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    diagnostics.push(diagnostic('file-not-found', `cannot read compose file ${file}: ${(error as Error).message}`, { value: file, fix: 'check the -f path' }));
    return [];
  }
  const parsed = parseCompose(text, file);
  diagnostics.push(...parsed.diagnostics);
  return (parsed.result ?? []).flatMap((document) => {
    const interpolated = interpolateTree(document, (name) => {
      const value = environment[name];
      if (value !== undefined) io.substituted.set(name, value);
      return value;
    });
    diagnostics.push(...interpolated.diagnostics);
    if (!interpolated.result) return [];
    const promoted = promoteAliases(interpolated.result);
    diagnostics.push(...promoted.diagnostics);
    return promoted.result ? [splitMergeTags(promoted.result)] : [];
  });
}

/**
 * A file named by `extends: {file}`: its documents merged, without include or extends (compose-go resolves the
 * extended file's own `extends` recursively from the raw services and never applies its includes).
 */
function loadExtendedFile(file: string, environment: Record<string, string>, io: FileAccess): StageResult<TaggedDocument> {
  const diagnostics: Diagnostic[] = [];
  let result: TaggedDocument = { tree: pmap([]), resetPaths: [] };
  for (const document of readDocuments(path.resolve(file), environment, io, diagnostics)) {
    const merged = mergeDocuments(result.tree, document);
    diagnostics.push(...merged.diagnostics);
    result = { tree: merged.result ?? result.tree, resetPaths: document.resetPaths };
  }
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { result, diagnostics };
}
