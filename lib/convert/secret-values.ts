import * as path from 'path';
import type { ComposeProject } from '../compose/model';
import { PrefixAutomaton } from './prefix-automaton';
import { isSecretVariable, urlPassword } from './secret-keys';

/** Where a secret value can be read from at run time: the variable that holds it, in the service's env Secret. */
export interface SecretOrigin {
  /** The Compose variable whose value it is (`MYSQL_ROOT_PASSWORD`), or the file it came from. */
  readonly variable: string;
  /** True when no variable holds it (a secret file's content): nothing can reference it by name. */
  readonly fileOnly?: boolean;
}

/**
 * Values that must never reach a manifest, project-wide, each with the variable that holds it: the values of
 * secret-looking variables (by name, or by value: credential URLs, PEM blocks, random tokens) in the services'
 * environments and env files, those among the variables interpolation substituted into the files (so
 * `mysqladmin ping -p${MYSQL_ROOT_PASSWORD}` is found in a probe), the passwords inside credential URLs, and the
 * contents of secret files. A value of at least {@link EMBEDDED_LENGTH} characters is found wherever it occurs
 * (`-p${PW}` interpolates to `-ps3cretvalue`); a shorter one only as a whole token, so that it is not "found"
 * inside unrelated words.
 */
export class SecretValues {
  private readonly origins = new Map<string, SecretOrigin>();
  /** The last pattern built, by the candidate values it matches. */
  private pattern: { readonly key: string; readonly regexp: RegExp } | undefined;
  /** Finds the values in a text; built when first needed after a change. */
  private automaton: PrefixAutomaton | undefined;

  /** Adds a value unless it cannot be a secret worth hiding (see {@link isTrivial}); the first origin wins. */
  add(value: string, origin: SecretOrigin): void {
    const trimmed = value.trim();
    if (isTrivial(trimmed) || this.origins.has(trimmed)) return;
    this.origins.set(trimmed, origin);
    this.pattern = undefined;
    this.automaton = undefined;
  }

  /** Removes a value (one that is also a name the manifests must contain). */
  delete(value: string): boolean {
    this.pattern = undefined;
    this.automaton = undefined;
    return this.origins.delete(value);
  }

  get size(): number {
    return this.origins.size;
  }

  values(): IterableIterator<[string, SecretOrigin]> {
    return this.origins.entries();
  }

  /**
   * The values with capitals, in lower case: a name Kubernetes needs (a claim named after a bind source) is a
   * lower-cased DNS label, which still carries the secret.
   */
  lowercased(): SecretValues {
    const lower = new SecretValues();
    for (const [value, origin] of this.origins) if (value !== value.toLowerCase()) lower.add(value.toLowerCase(), origin);
    return lower;
  }

  /** The secret values `text` contains, longest first. */
  find(text: string): [string, SecretOrigin][] {
    const pattern = this.patternFor(text);
    if (!pattern) return [];
    const found = new Map<string, SecretOrigin>();
    for (const match of text.matchAll(pattern)) found.set(match[0], this.origins.get(match[0]) as SecretOrigin);
    return [...found];
  }

  /**
   * A function that shows `text` with each secret value (and its lower case) as `<secret VARIABLE>`, for anything
   * printed. It holds only this set: a closure made where the project was converted would keep the whole project alive, and a large
   * live heap made the synthesis that follows three times slower.
   */
  redactor(): (text: string) => string {
    const shown = (origin: SecretOrigin): string => `<secret ${origin.variable}>`;
    const lowercased = this.lowercased();
    return (text) => lowercased.replace(this.replace(text, shown), shown);
  }

  /** `text` with every secret value replaced by `replacement(origin)`. */
  replace(text: string, replacement: (origin: SecretOrigin) => string): string {
    const pattern = this.patternFor(text);
    return pattern ? text.replace(pattern, (value: string) => replacement(this.origins.get(value) as SecretOrigin)) : text;
  }

  /**
   * One alternation over the values `text` contains at all, longest first so that a value inside a longer one
   * does not win. The candidates are found by a {@link PrefixAutomaton}, in one pass over the text: a large
   * project has thousands of secret values and tens of thousands of strings, so testing every value against every
   * string is quadratic, and a regular expression of thousands of alternatives tries each at every position.
   */
  private patternFor(text: string): RegExp | undefined {
    const candidates = this.containedValues(text);
    if (candidates.length === 0) return undefined;
    candidates.sort((a, b) => b.length - a.length || a.localeCompare(b));
    const key = candidates.join('\0');
    if (this.pattern?.key !== key) {
      const alternatives = candidates.map((value) => (value.length >= EMBEDDED_LENGTH ? escapeRegExp(value) : `(?<![A-Za-z0-9_])${escapeRegExp(value)}(?![A-Za-z0-9_])`));
      this.pattern = { key, regexp: new RegExp(alternatives.join('|'), 'g') };
    }
    return this.pattern.regexp;
  }

  /** The values that occur in `text`, each once. */
  private containedValues(text: string): string[] {
    this.automaton ??= new PrefixAutomaton(this.origins.keys());
    return [...this.automaton.occurringIn(text)];
  }
}

/** Shorter values are never kept ({@link isTrivial}). */
const MIN_VALUE_LENGTH = 4;

/** From this length on a secret value is searched inside words too; below it, only as a whole token. */
const EMBEDDED_LENGTH = 8;

/**
 * Values no one would call a secret, which would otherwise be "found" all over a manifest: empty and very short
 * strings, booleans and small numbers (`TOKEN_TTL: 3600`, `SECRET_KEY_ROTATION: "true"`).
 */
function isTrivial(value: string): boolean {
  return value.length < MIN_VALUE_LENGTH || /^(true|false|yes|no|on|off|null|none)$/i.test(value) || /^\d{1,6}$/.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The secret values of a project; see {@link SecretValues}. */
export function projectSecretValues(project: ComposeProject, variablesByService: Iterable<ReadonlyMap<string, string | null>>, readFile: (file: string) => string | undefined): SecretValues {
  const secrets = new SecretValues();
  for (const variables of variablesByService) for (const [name, value] of variables) addVariable(secrets, name, value);
  for (const [name, value] of Object.entries(project.substituted)) addVariable(secrets, name, value);
  for (const secret of Object.values(project.secrets)) {
    if (secret.file === undefined) continue;
    const content = readFile(secret.file);
    if (content !== undefined) secrets.add(content, { variable: path.basename(secret.file), fileOnly: true });
  }
  return secrets;
}

/** The secret values among the variables interpolation substituted: what a failed load may still quote. */
export function substitutedSecretValues(substituted: Readonly<Record<string, string>>): SecretValues {
  const secrets = new SecretValues();
  for (const [name, value] of Object.entries(substituted)) addVariable(secrets, name, value);
  return secrets;
}

/** Adds a variable's value when it is secret, and the password inside it when it is a credential URL. */
function addVariable(secrets: SecretValues, name: string, value: string | null): void {
  if (value === null || !isSecretVariable(name, value)) return;
  secrets.add(value, { variable: name });
  const password = urlPassword(value);
  if (password !== undefined) secrets.add(decodeURIComponentSafely(password), { variable: name });
}

/** `%2F` in a URL password is `/` in the password itself; a malformed escape is kept as written. */
function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
