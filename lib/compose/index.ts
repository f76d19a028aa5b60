import * as fs from 'fs';
import type { Diagnostic } from '../errors';
import { hasErrors } from '../errors';
import { bind } from './bind';
import { loadComposeTree, type LoadOptions } from './load-tree';
import type { ComposeProject } from './model';
import { normalize } from './normalize';
import { toPlain } from './tree';
import { validateSchema, validateSemantics } from './validate';

export type * from './model';

/** Whether a project file exists, through the caller's reader when one is injected (in-memory projects). */
function fileExists(opts: LoadComposeOptions, file: string): boolean {
  if (!opts.readFile) return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  try {
    opts.readFile(file);
    return true;
  } catch {
    return false;
  }
}
export type { LoadOptions } from './load-tree';

/** Options of {@link loadCompose}: `docker compose` flags plus the project name. */
export interface LoadComposeOptions extends LoadOptions {
  /**
   * `-p`: the project name, used for runtime resource names (`<project>_default`).
   * @default - `COMPOSE_PROJECT_NAME`, else the files' `name:`, else the project directory's name
   */
  readonly projectName?: string;
}

/** What {@link loadCompose} found. */
export interface LoadComposeResult {
  /** The typed project; absent when any error diagnostic was reported. */
  readonly project?: ComposeProject;
  /**
   * The normalized tree as plain JSON, shaped like `docker compose config --format json` (compose-go), for the
   * differential test; absent when loading stopped before normalization.
   */
  readonly normalized?: unknown;
  /** Everything found, every stage, in stage order. */
  readonly diagnostics: Diagnostic[];
  /**
   * Every variable interpolation substituted, with its value, whenever the files were read and merged (even if
   * a later stage failed): diagnostics may quote such values, and secret ones must be redacted before printing.
   */
  readonly substituted?: Readonly<Record<string, string>>;
}

/**
 * Loads a Compose project the way Docker Compose does: discovery, env files, parse, interpolation, merge,
 * extends, include and profiles (stage 1), then the schema check on the tree as written, normalization to
 * compose-go's canonical form, cross-reference checks and binding to the typed model.
 *
 * Never throws on user input: every problem is a positioned diagnostic, and each stage runs only when the
 * ones before it reported no error (a later stage would only repeat the cause in a vaguer way).
 */
export function loadCompose(opts: LoadComposeOptions): LoadComposeResult {
  const loaded = loadComposeTree(opts);
  const diagnostics = [...loaded.diagnostics];
  if (!loaded.result || hasErrors(diagnostics)) return { diagnostics };
  const { tree, files, workingDir, environment, projectEnvironment, substituted } = loaded.result;

  diagnostics.push(...validateSchema(tree));
  if (hasErrors(diagnostics)) return { diagnostics, substituted };

  const normalized = normalize(tree, {
    workingDir,
    projectName: opts.projectName ?? (environment.COMPOSE_PROJECT_NAME || undefined),
    homeDir: environment.HOME,
    projectEnvironment,
  });
  diagnostics.push(...normalized.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, substituted };
  const plain = toPlain(normalized.tree);

  diagnostics.push(...validateSemantics(normalized.tree, (file) => fileExists(opts, file)));
  if (hasErrors(diagnostics)) return { normalized: plain, diagnostics, substituted };

  return { project: bind(normalized.tree, { workingDir, files, projectEnvironment, substituted }), normalized: plain, diagnostics, substituted };
}
