import { type CodeTable, type Diagnostic, diagnosticFactory } from '../errors';

/**
 * Every diagnostic code the compose loader's first stages (parse, interpolate, env files, merge, extends,
 * include, profiles, discovery) can emit, with its severity. Codes are a contract: tests and users match on
 * them, so a code is never renamed or reused for another meaning.
 */
export const LOADER_CODES = {
  'yaml-syntax': { severity: 'error', summary: 'the file is not valid YAML' },
  'yaml-duplicate-key': { severity: 'error', summary: 'a mapping repeats a key' },
  'yaml-alias-limit': { severity: 'error', summary: 'aliases expand to too much of the document (go-yaml v3 billion-laughs guard)' },
  'yaml-alias-cycle': { severity: 'error', summary: 'an alias refers to a node that contains it' },
  'yaml-unknown-tag': { severity: 'warning', summary: 'a YAML tag other than !reset / !override; ignored' },
  'yaml-non-string-key': { severity: 'error', summary: 'a mapping key is a mapping or sequence' },
  'yaml-top-level-not-mapping': { severity: 'error', summary: 'the document is not a mapping' },
  'file-not-found': { severity: 'error', summary: 'a compose, env, extends or include file cannot be read' },
  'compose-file-not-found': { severity: 'error', summary: 'no -f given and no default compose file exists' },
  'compose-file-ambiguous': { severity: 'warning', summary: 'several default compose (or override) files exist; one is used' },
  'compose-empty': { severity: 'error', summary: 'the merged compose files contain nothing' },
  'interpolation-unset': { severity: 'warning', summary: 'a variable is not set; an empty string is used' },
  'interpolation-required-unset': { severity: 'error', summary: '${VAR:?msg} / ${VAR?msg} with VAR unset' },
  'interpolation-syntax': { severity: 'error', summary: 'an invalid ${...} expression' },
  'dotenv-syntax': { severity: 'error', summary: 'an env file line cannot be parsed' },
  'merge-type-mismatch': { severity: 'error', summary: 'an override file changes the kind of a value' },
  'merge-duplicate-entry': { severity: 'error', summary: 'a list that must be unique has two entries with one key' },
  'extends-invalid': { severity: 'error', summary: 'extends is not a service name or {service, file}' },
  'extends-service-not-found': { severity: 'error', summary: 'extends names a service that does not exist' },
  'extends-cycle': { severity: 'error', summary: 'services extend each other in a loop' },
  'include-invalid': { severity: 'error', summary: 'an include entry is not a path or {path, env_file, project_directory}' },
  'include-cycle': { severity: 'error', summary: 'compose files include each other in a loop' },
  'include-too-deep': { severity: 'error', summary: 'includes nest deeper than the loader follows' },
  'extends-too-deep': { severity: 'error', summary: 'a chain of extends is longer than the loader follows' },
  'include-conflict': { severity: 'error', summary: 'an included file defines a resource the including files also define' },
  'profiles-inactive-service': { severity: 'info', summary: 'a service is skipped because none of its profiles is active' },
  'profiles-no-services': { severity: 'error', summary: 'no service is active with the selected profiles' },
  'file-refused': { severity: 'error', summary: 'an included or extended file is outside the project (without --allow-path), or not a regular file' },
  'service-unknown': { severity: 'error', summary: 'a service named on the command line is not in the project' },
} as const satisfies CodeTable;

export type LoaderCode = keyof typeof LOADER_CODES;

/** Builds a loader diagnostic whose severity is the one registered for `code`. */
export const diagnostic = diagnosticFactory(LOADER_CODES);

/** What every loader stage returns: a result when it could build one, and everything it found. */
export interface StageResult<T> {
  readonly result?: T;
  readonly diagnostics: Diagnostic[];
}
