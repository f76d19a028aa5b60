import * as path from 'path';
import type { Diagnostic } from '../errors';
import { diagnostic, type StageResult } from './codes';

/** compose-go `cli.DefaultFileNames`, in order of preference. */
export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/** compose-go `cli.DefaultOverrideFileNames`, in order of preference; looked up whichever main file was found. */
export const DEFAULT_OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
] as const;

/**
 * Finds the compose files when no `-f` is given, as `docker compose` does: `COMPOSE_FILE` (split on
 * `COMPOSE_PATH_SEPARATOR`, default `:`, relative to `dir`) when set; otherwise the first default file name
 * present in `dir` or, failing that, in the nearest parent directory, plus the first override file next to it.
 * Other default-named files next to the chosen ones are ignored with a warning, as Compose warns.
 */
export function discoverComposeFiles(
  dir: string,
  environment: Record<string, string>,
  exists: (file: string) => boolean,
): StageResult<string[]> {
  const fromEnv = environment.COMPOSE_FILE;
  if (fromEnv !== undefined) {
    const separator = environment.COMPOSE_PATH_SEPARATOR || ':';
    const files = fromEnv.split(separator).map((f) => path.resolve(dir, f));
    const missing = files.filter((f) => !exists(f));
    const diagnostics = missing.map((f) =>
      diagnostic('file-not-found', `compose file ${f} set by COMPOSE_FILE does not exist`, { value: f, fix: 'fix COMPOSE_FILE' }),
    );
    return missing.length ? { diagnostics } : { result: files, diagnostics };
  }
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const [main, ...ignored] = DEFAULT_FILE_NAMES.map((name) => path.join(current, name)).filter(exists);
    if (main) {
      const [override, ...ignoredOverrides] = DEFAULT_OVERRIDE_FILE_NAMES.map((name) => path.join(current, name)).filter(exists);
      const ignoredFile = (file: string, chosen: string | undefined): Diagnostic =>
        diagnostic('compose-file-ambiguous', `${file} is ignored: ${chosen ?? ''} is preferred`, {
          value: file,
          fix: 'remove or rename one of the files, or pass -f explicitly',
        });
      const diagnostics = [...ignored.map((f) => ignoredFile(f, main)), ...ignoredOverrides.map((f) => ignoredFile(f, override))];
      return { result: override ? [main, override] : [main], diagnostics };
    }
    if (path.dirname(current) === current) break;
  }
  return {
    diagnostics: [
      diagnostic('compose-file-not-found', `no compose file found in ${dir} or its parents`, {
        value: dir,
        fix: `pass -f FILE, or create ${DEFAULT_FILE_NAMES[0]}`,
      }),
    ],
  };
}
