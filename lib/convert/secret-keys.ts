/**
 * Which environment variables are secrets. A false positive costs a Secret key the user must create; a false
 * negative writes a password into a ConfigMap in plain text, so the rules lean towards "secret".
 */

/** Name fragments that mark a variable as secret wherever they appear in its (upper-cased) name. */
const SECRET_NAME_FRAGMENTS = ['SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'TOKEN', 'KEY', 'CREDENTIAL', 'DSN', 'HTPASS', 'SIGNER', 'PRIVATE', 'PEM'] as const;

/** Words that contain a fragment above but name no secret (`VALKEY_ADDR`, `KEYCLOAK_URL`). */
const INNOCENT_WORDS = new Set(['VALKEY', 'KEYDB', 'KEYCLOAK', 'KEYBOARD', 'KEYSPACE', 'MONKEY']);

/** Whole `_`-separated words that mark a variable as secret (`DB_PASS`, `MYSQL_PWD`), too short to match inside words. */
const SECRET_NAME_WORDS = new Set(['PASS', 'PWD', 'PW', 'SALT', 'AUTH']);

/**
 * Suffixes of variables that hold a path or file name rather than the secret itself
 * (`POSTGRES_PASSWORD_FILE: /run/secrets/db`): images read the secret from that file, so the path stays visible.
 */
const REFERENCE_SUFFIXES = ['_FILE', '_PATH', '_DIR'] as const;

/**
 * `scheme://user:password@host` (the user may be empty, as in `redis://:password@cache`; `jdbc:mysql://` too). The
 * password may hold `/` (base64 passwords do): the authority ends at the last `@` before the path.
 */
const URL_WITH_PASSWORD = /^(?:[a-z][a-z0-9+.-]*:)+\/\/[^/@:\s]*:[^@\s]+@[^@\s]*$/i;
/** A PEM block that holds a key or certificate. */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----/;
/** A password inside a key=value connection string (`Host=db;Password=...`) or URL query (`?password=...`). */
const PASSWORD_PARAMETER = /(^|[;?&\s])(password|passwd|pwd)=[^;&\s]/i;

/** True when the variable's name says it holds a secret (see the fragments and words above). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (REFERENCE_SUFFIXES.some((suffix) => upper.endsWith(suffix))) return false;
  const words = upper.split(/[^A-Z0-9]+/).filter((word) => !INNOCENT_WORDS.has(word));
  return words.some((word) => SECRET_NAME_WORDS.has(word) || SECRET_NAME_FRAGMENTS.some((fragment) => word.includes(fragment)));
}

/**
 * True when the value itself carries a credential: a URL with `user:password@`, a `Password=` parameter, a PEM
 * block, or a long random-looking string (an API key pasted under an innocent name).
 */
export function isSecretValue(value: string): boolean {
  const trimmed = value.trim();
  return URL_WITH_PASSWORD.test(trimmed) || PASSWORD_PARAMETER.test(trimmed) || PEM_BLOCK.test(trimmed) || looksRandom(trimmed);
}

/** The password inside a URL with credentials (`postgres://app:s3cret@db/app` gives `s3cret`). */
export function urlPassword(value: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:)+\/\/[^/@:\s]*:([^@\s]+)@[^@\s]*$/i.exec(value.trim());
  return match?.[1];
}

/**
 * At least 24 characters of one token, mixing letters and digits, with the character entropy of random text
 * (>= 4 bits per character): keys and tokens, not words, paths, URLs or version strings.
 */
function looksRandom(value: string): boolean {
  if (value.length < 24 || !/^[A-Za-z0-9+/=_-]+$/.test(value) || !/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const entropy = [...counts.values()].reduce((sum, n) => sum - (n / value.length) * Math.log2(n / value.length), 0);
  return entropy >= 4;
}

/** Whether `name=value` must become a Secret reference; valueless variables are judged by name only. */
export function isSecretVariable(name: string, value: string | null | undefined): boolean {
  return isSecretName(name) || (typeof value === 'string' && isSecretValue(value));
}
