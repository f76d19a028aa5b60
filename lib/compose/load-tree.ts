import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../errors';
import { diagnostic, type StageResult } from './codes';
import { discoverComposeFiles } from './discover';
import { loadEnvironment } from './dotenv';
import { loadProject, type FileAccess } from './load-project';
import { isWithin, PSEUDO_FILESYSTEMS } from '../paths';
import { selectProfiles, selectServices } from './profiles';
import type { PMap } from './tree';

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
   * @default - `<workingDir>/.env` when it exists, unless `COMPOSE_DISABLE_ENV_FILE` is true
   */
  readonly envFiles?: string[];
  /**
   * `--profile` values. As in Compose, `COMPOSE_PROFILES` (process environment or env file) applies only when
   * none are given.
   * @default - `COMPOSE_PROFILES`, else none: only services without `profiles` are active
   */
  readonly profiles?: string[];
  /**
   * `docker compose config SERVICE...`: only these services and what they depend on.
   * @default - every active service
   */
  readonly services?: readonly string[];
  /**
   * Directories outside the project from which `include` and `extends` files may be read (`--allow-path`).
   * @default - only the project directory
   */
  readonly allowPaths?: readonly string[];
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
  /** The merged tree; relative paths are as written, except those from `extends: {file}` and `include`, made absolute. */
  readonly tree: PMap;
  /** The compose files that were loaded, absolute, in merge order. */
  readonly files: string[];
  /** The absolute project directory. */
  readonly workingDir: string;
  /** The interpolation environment: env files overlaid with the process environment. */
  readonly environment: Record<string, string>;
  /**
   * What the project's env files alone define (`.env`, or the `--env-file`s instead, a later one winning),
   * without any value that depends on the process environment: valueless `environment` entries are filled from
   * it, never from the converting machine.
   */
  readonly projectEnvironment: Record<string, string>;
  /** Services removed because none of their profiles is active (for dangling `depends_on` messages). */
  readonly disabledServices: string[];
  /** Every variable interpolation substituted, with its value (see {@link FileAccess.substituted}). */
  readonly substituted: Readonly<Record<string, string>>;
}

/**
 * Loads a Compose project the way `docker compose config` does up to merging: env files, discovery, then for
 * every file parse, interpolation, include, extends and merge, then profile selection. Never throws on user
 * input; every problem is a diagnostic, positioned when it comes from a file.
 */
export function loadComposeTree(opts: LoadOptions): StageResult<ComposeTree> {
  const readFile = opts.readFile ?? readRegularFile;
  // The project directory and every --allow-path, once discovery has settled the project directory.
  const roots: string[] = [];
  const refusal = (file: string): string | undefined => {
    const real = opts.readFile ? path.resolve(file) : realPathOrSelf(file);
    if (PSEUDO_FILESYSTEMS.some((dir) => isWithin(real, dir))) return 'is a kernel file, never read';
    return roots.some((root) => isWithin(real, root)) ? undefined : `is outside the project directory ${roots[0] ?? ''} (it resolves to ${real})`;
  };
  const io: FileAccess = { readFile, exists: (file) => readable(readFile, file), refusal, substituted: new Map() };
  const diagnostics: Diagnostic[] = [];
  const given = (opts.files ?? []).map((file) => path.resolve(file));
  // Before discovery, .env comes from the project directory if given, else the first file's, else the cwd.
  const envDir = path.resolve(opts.workingDir ?? (given[0] ? path.dirname(given[0]) : process.cwd()));
  const processEnv = opts.environment ?? process.env;
  const defaultEnvFile = path.join(envDir, '.env');
  const useDefaultEnvFile = !GO_TRUE.includes(processEnv.COMPOSE_DISABLE_ENV_FILE ?? '') && io.exists(defaultEnvFile);
  const envFiles = opts.envFiles?.length ? opts.envFiles.map((f) => path.resolve(f)) : useDefaultEnvFile ? [defaultEnvFile] : [];
  const env = loadEnvironment(envFiles, processEnv, readFile);
  diagnostics.push(...env.diagnostics);
  if (!env.result) return { diagnostics };
  const { interpolation: environment, fromFiles: projectEnvironment } = env.result;

  const discovered = given.length ? { result: given, diagnostics: [] } : discoverComposeFiles(envDir, environment, io.exists);
  diagnostics.push(...discovered.diagnostics);
  const files = discovered.result;
  if (!files?.[0]) return { diagnostics };
  const workingDir = path.resolve(opts.workingDir ?? path.dirname(files[0]));
  roots.push(...[workingDir, ...(opts.allowPaths ?? [])].map((dir) => (opts.readFile ? path.resolve(dir) : realPathOrSelf(dir))));

  const loaded = loadProject(files, workingDir, environment, io);
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.result) return { diagnostics };
  if (loaded.result.entries.length === 0) {
    const fix = 'define at least one service';
    diagnostics.push(diagnostic('compose-empty', 'empty compose file', { pos: { file: files[files.length - 1] as string, line: 1, column: 1 }, value: files.join(', '), fix }));
    return { diagnostics };
  }
  const selected = selectProfiles(loaded.result, activeProfiles(opts.profiles, environment));
  diagnostics.push(...selected.diagnostics);
  if (!selected.result) return { diagnostics };
  const chosen = selectServices(selected.result.tree, opts.services ?? []);
  diagnostics.push(...chosen.diagnostics);
  if (!chosen.result) return { diagnostics };
  return {
    result: {
      tree: chosen.result,
      files,
      workingDir,
      environment,
      projectEnvironment,
      disabledServices: selected.result.disabledServices,
      substituted: Object.fromEntries(io.substituted),
    },
    diagnostics,
  };
}

/** What Go's strconv.ParseBool reads as true, for `COMPOSE_DISABLE_ENV_FILE`. */
const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];

/** `--profile` values; only without them does `COMPOSE_PROFILES` apply (compose-go `WithDefaultProfiles`). */
function activeProfiles(given: readonly string[] | undefined, environment: Record<string, string>): string[] {
  if (given?.length) return [...given];
  return (environment.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** The largest compose or env file read; a larger one is not configuration. */
export const MAX_COMPOSE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a compose or env file from disk: a regular file (symlinks followed) of at most
 * {@link MAX_COMPOSE_FILE_BYTES}. A FIFO would block the read forever and a device would never end, so both are
 * refused before reading.
 */
function readRegularFile(file: string): string {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new Error('not a regular file (a directory, FIFO, socket or device)');
  if (stat.size > MAX_COMPOSE_FILE_BYTES) throw new Error(`larger than ${MAX_COMPOSE_FILE_BYTES} bytes`);
  return fs.readFileSync(file, 'utf8');
}

function realPathOrSelf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

function readable(readFile: (file: string) => string, file: string): boolean {
  try {
    readFile(file);
    return true;
  } catch {
    return false;
  }
}
