/**
 * Which environment variables are secrets. A false positive costs a Secret key the user must create; a false
 * negative writes a password into a ConfigMap in plain text, so the rules lean towards "secret".
 */

/** Name fragments that mark a variable as secret wherever they appear in its (upper-cased) name. */
const SECRET_NAME_FRAGMENTS = ['SECRET', 'PASSWORD', 'PASSWD', 'TOKEN', 'KEY', 'CREDENTIAL', 'DSN'] as const;

/** Words that contain a fragment above but name no secret (`VALKEY_ADDR`, `KEYCLOAK_URL`). */
const INNOCENT_WORDS = new Set(['VALKEY', 'KEYDB', 'KEYCLOAK', 'KEYBOARD', 'KEYSPACE', 'MONKEY']);

/** Whole `_`-separated words that mark a variable as secret (`DB_PASS`, `MYSQL_PWD`), too short to match inside words. */
const SECRET_NAME_WORDS = new Set(['PASS', 'PWD', 'SALT']);

/**
 * Suffixes of variables that hold a path or file name rather than the secret itself
 * (`POSTGRES_PASSWORD_FILE: /run/secrets/db`): images read the secret from that file, so the path stays visible.
 */
const REFERENCE_SUFFIXES = ['_FILE', '_PATH', '_DIR'] as const;

/** `scheme://user:password@host` (the user may be empty, as in `redis://:password@cache`; `jdbc:mysql://` too). */
const URL_WITH_PASSWORD = /^(?:[a-z][a-z0-9+.-]*:)+\/\/[^/@:\s]*:[^/@\s]+@/i;
/** A password inside a key=value connection string (`Host=db;Password=...`) or URL query (`?password=...`). */
const PASSWORD_PARAMETER = /(^|[;?&\s])(password|passwd|pwd)=[^;&\s]/i;

/** True when the variable's name says it holds a secret (see the fragments and words above). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (REFERENCE_SUFFIXES.some((suffix) => upper.endsWith(suffix))) return false;
  const words = upper.split(/[^A-Z0-9]+/).filter((word) => !INNOCENT_WORDS.has(word));
  return words.some((word) => SECRET_NAME_WORDS.has(word) || SECRET_NAME_FRAGMENTS.some((fragment) => word.includes(fragment)));
}

/** True when the value itself carries a credential: a URL with `user:password@`, or a `Password=` parameter. */
export function isSecretValue(value: string): boolean {
  const trimmed = value.trim();
  return URL_WITH_PASSWORD.test(trimmed) || PASSWORD_PARAMETER.test(trimmed);
}

/** Whether `name=value` must become a Secret reference; valueless variables are judged by name only. */
export function isSecretVariable(name: string, value: string | null | undefined): boolean {
  return isSecretName(name) || (typeof value === 'string' && isSecretValue(value));
}
