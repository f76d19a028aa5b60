/**
 * Differences between compose-go and our loader that the differential test accepts, each with the reason.
 * An entry that no longer matches any difference fails the test, so the list only ever shrinks to the truth.
 * Loader bugs do not belong here: they are fixed in lib/compose.
 */
import type { JsonDifference } from '../support/json-diff';

export interface KnownDifference {
  /**
   * Dotted path pattern into the projected JSON: `*` matches one key or index, `x-*` one key with that prefix,
   * a trailing `**` any rest (`services.*.environment.**`). Match keys that contain dots with `*`.
   */
  readonly path: string;
  /**
   * Case ids (`real/zulip__docker-zulip#1`) the entry is limited to.
   * @default - every case (corpus and inline)
   */
  readonly cases?: readonly string[];
  /**
   * Limits the entry to differences where our side is missing (`absent`) or `null` there.
   * @default - whatever our side holds
   */
  readonly ours?: 'absent' | 'null';
  /** Why this is intended, or why compose-go is the one we do not follow. */
  readonly reason: string;
}

const INLINE_ENV_FILES = 'inline/env-files-and-valueless-variables';

/** Cases with services that use `env_file`. */
const ENV_FILE_CASES = [
  'real/saleor__saleor-platform#1',
  ...[1, 2, 3, 4, 5, 6].map((n) => `real/paperless-ngx__paperless-ngx#${n}`),
  INLINE_ENV_FILES,
  'inline/optional-missing-env-file',
];

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    path: 'services.app.environment.CALLER*',
    cases: ['inline/valueless-variables-never-from-the-caller'],
    reason:
      'a variable listed without a value takes its value from the project env files (.env / --env-file) only; ' +
      'compose-go also reads the caller\'s environment, and lets it win over the files. Issue 3: values are ' +
      'never taken from the converting machine; a variable the files do not define stays null and the converter ' +
      'turns it into a secretKeyRef the user fills (lib/convert/environment.ts).',
  },
  {
    path: 'services.*.env_file',
    cases: ENV_FILE_CASES,
    reason:
      'we keep env_file references and the converter reads the files itself (lib/convert/environment.ts), so ' +
      'secret-looking values from them become Secret references instead of literals; `docker compose config` ' +
      'folds the files into environment and drops env_file (WithDiscardEnvFile).',
  },
  {
    path: 'services.*.environment.*',
    ours: 'absent',
    cases: ENV_FILE_CASES,
    reason: 'a variable that only an env_file sets: compose-go folds it into environment; see the env_file entry.',
  },
  {
    path: 'services.*.environment',
    ours: 'absent',
    cases: ['real/saleor__saleor-platform#1'],
    reason: 'a service whose variables all come from env_file (saleor worker); see the env_file entry.',
  },
  {
    path: 'services.*.develop.watch.*.exec',
    ours: 'absent',
    cases: ['real/fastapi__full-stack-fastapi-template#1'],
    reason:
      'compose-go prints an empty post-sync hook (`exec: {command: null}`, a Go zero value) for every watch rule; ' +
      'develop.watch is local-development tooling the converter does not map.',
  },
  {
    path: 'services.*.x-*',
    cases: ['inline/scalar-types'],
    reason:
      'compose-go leaves extension fields below the top level out of its JSON (every nested Extensions field is ' +
      'tagged json:"-"; `config --format yaml` keeps them). Our loader keeps them because the converter reads ' +
      'the per-service x-webstack block.',
  },
];

/** The first entry of `known` that accepts `difference` in `caseId`, if any. */
export function findKnown(
  caseId: string,
  difference: JsonDifference,
  known: readonly KnownDifference[] = KNOWN_DIFFERENCES,
): KnownDifference | undefined {
  return known.find(
    (k) =>
      (k.cases === undefined || k.cases.includes(caseId)) &&
      (k.ours === undefined || (k.ours === 'null' ? difference.ours === null : difference.ours === undefined)) &&
      pathMatches(k.path, difference.path),
  );
}

function pathMatches(pattern: string, path: readonly (string | number)[]): boolean {
  const segments = pattern.split('.');
  for (const [i, segment] of segments.entries()) {
    if (segment === '**' && i === segments.length - 1) return path.length >= i;
    if (i >= path.length || !segmentMatches(segment, String(path[i]))) return false;
  }
  return segments.length === path.length;
}

function segmentMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : pattern === key;
}
