import type { Diagnostic, SourcePosition } from '../errors';
import { diagnostic, type LoaderCode, type StageResult } from './codes';
import { substitute, type Lookup, type TemplateProblemKind } from './template';

/**
 * Parses an env file the way compose-go's `dotenv` package does, into `into` (so several files accumulate and a
 * later file wins):
 *
 * - blank lines and lines starting with `#` are skipped; `export KEY=value` is `KEY=value`; `KEY: value` works too;
 * - unquoted values end at the line end, lose a ` #` comment and trailing spaces, and are interpolated;
 * - single-quoted values are literal; double-quoted values may span lines, understand `\n`, `\t`, `\"`, `\\`,
 *   `\$` and octal escapes, and are interpolated;
 * - a bare `KEY` line copies KEY from `lookup` when it is set there;
 * - interpolation sees `lookup` (the process environment, then earlier files) first, then this file's keys.
 */
export function parseDotenv(
  text: string,
  file: string,
  lookup: Lookup,
  into: Record<string, string> = {},
): StageResult<Record<string, string>> {
  const parser = new DotenvParser(text.replace(/^\uFEFF/, ''), file, (name) => lookup(name) ?? into[name]);
  const diagnostics = parser.parseInto(into);
  return { result: diagnostics.some((d) => d.severity === 'error') ? undefined : into, diagnostics };
}

const DOTENV_PROBLEM_CODES: Record<TemplateProblemKind, LoaderCode> = {
  unset: 'interpolation-unset',
  'required-unset': 'interpolation-required-unset',
  syntax: 'dotenv-syntax',
};

/** Whitespace that is not a line break (compose-go's `isSpace`). */
const INLINE_SPACE = /[\t\v\f\r \u0085\u00a0]/;
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\',
};

class DotenvParser {
  private i = 0;
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lookup: Lookup,
  ) {}

  parseInto(out: Record<string, string>): Diagnostic[] {
    while (this.statementStart()) {
      const start = this.i;
      const key = this.key();
      if (key === undefined) break;
      if (key.inherited) {
        const value = this.lookup(key.name);
        if (value !== undefined) out[key.name] = value;
        continue;
      }
      const value = this.value(start);
      if (value === undefined) break;
      out[key.name] = value;
    }
    return this.diagnostics;
  }

  /** Skips whitespace and comment lines; false at the end of the file. */
  private statementStart(): boolean {
    for (;;) {
      while (this.i < this.text.length && /\s/.test(this.text[this.i] ?? '')) this.i++;
      if (this.i >= this.text.length) return false;
      if (this.text[this.i] !== '#') return true;
      const newline = this.text.indexOf('\n', this.i);
      if (newline < 0) return false;
      this.i = newline;
    }
  }

  private key(): { name: string; inherited: boolean } | undefined {
    const exported = /^export\s+/.exec(this.text.slice(this.i, this.i + 16));
    if (exported) this.i += exported[0].length;
    const start = this.i;
    for (; this.i < this.text.length; this.i++) {
      const char = this.text[this.i] ?? '';
      if (INLINE_SPACE.test(char) || KEY_CHAR.test(char)) continue;
      if (char === '=' || char === ':' || char === '\n') break;
      return this.fail(this.i, `unexpected character ${JSON.stringify(char)} in variable name`);
    }
    const name = this.text.slice(start, this.i).trimEnd();
    const inherited = this.i >= this.text.length || this.text[this.i] === '\n';
    if (name.includes(' ')) return this.fail(start, 'key cannot contain a space');
    this.i++;
    while (this.i < this.text.length && INLINE_SPACE.test(this.text[this.i] ?? '')) this.i++;
    return { name, inherited };
  }

  private value(statement: number): string | undefined {
    const quote = this.text[this.i];
    if (quote !== '"' && quote !== "'") {
      const newline = this.text.indexOf('\n', this.i);
      const end = newline < 0 ? this.text.length : newline;
      const raw = this.text.slice(this.i, end).split(' #')[0]?.trimEnd() ?? '';
      const valueStart = this.i;
      this.i = end;
      return this.interpolate(raw, valueStart);
    }
    const open = this.i;
    let chars = '';
    let escaped = false;
    for (let j = open + 1; j < this.text.length; j++) {
      const char = this.text[j] ?? '';
      if (char !== quote || escaped) {
        if (char === '\\' && !escaped) {
          escaped = true;
          continue;
        }
        // An escaped closing quote is kept without its backslash; any other escape is kept whole for later.
        chars += escaped && char !== quote ? `\\${char}` : char;
        escaped = false;
        continue;
      }
      this.i = j + 1;
      return quote === '"' ? this.interpolate(expandEscapes(chars), open) : chars;
    }
    return this.fail(statement, 'unterminated quoted value');
  }

  private interpolate(raw: string, offset: number): string | undefined {
    const { value, problems } = substitute(raw, this.lookup);
    for (const problem of problems) {
      this.diagnostics.push(diagnostic(DOTENV_PROBLEM_CODES[problem.kind], problem.message, { pos: this.position(offset), value: raw }));
    }
    return value;
  }

  private fail(offset: number, message: string): undefined {
    this.diagnostics.push(diagnostic('dotenv-syntax', message, { pos: this.position(offset) }));
    return undefined;
  }

  private position(offset: number): SourcePosition {
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length;
    return { file: this.file, line, column: offset - before.lastIndexOf('\n') };
  }
}

/** Double-quoted escapes: `\$` stays a literal dollar (as `$$` for the interpolation that follows). */
function expandEscapes(text: string): string {
  return text.replace(ESCAPE, (match) => {
    const body = match.slice(1);
    if (body === '$') return '$$';
    // Only a full three-digit octal escape (`\0101` is "A") is a character; Go keeps anything shorter as written.
    if (body.startsWith('0')) return /^0[0-3][0-7]{2}$/.test(body) ? String.fromCharCode(parseInt(body.slice(1), 8)) : match;
    return ESCAPES[body] ?? match;
  });
}

/** A project's environment in the two views the loader needs. */
export interface ProjectEnvironment {
  /**
   * The interpolation environment: the env files in order (a later file wins), overlaid with the process
   * environment, which always wins (compose-go `WithOsEnv` then `WithDotEnv`).
   */
  readonly interpolation: Record<string, string>;
  /**
   * What the env files alone define: the keys whose value does not depend on the process environment (a bare
   * `KEY` line, or a `${VAR}` the machine sets, is left out). The only source for valueless `environment`
   * entries, so no value is ever taken from the converting machine.
   */
  readonly fromFiles: Record<string, string>;
}

/** `environment[name]` when the map itself defines it, so a name like `constructor` is not read off the prototype. */
export function lookupOwn(environment: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(environment, name) ? environment[name] : undefined;
}

/** Reads the env files of a project, in order, into both views of {@link ProjectEnvironment}. */
export function loadEnvironment(
  envFiles: readonly string[],
  processEnv: Record<string, string | undefined>,
  readFile: (path: string) => string,
): StageResult<ProjectEnvironment> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) environment[key] = value;
  const overlaid: Record<string, string> = {};
  const isolated: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const file of envFiles) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      const fix = 'check the --env-file path';
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? "couldn't find env file" : `cannot read env file (${(error as Error).message})`;
      diagnostics.push(diagnostic('file-not-found', `${reason}: ${file}`, { value: file, fix }));
      continue;
    }
    diagnostics.push(...parseDotenv(text, file, (name) => environment[name], overlaid).diagnostics);
    // The same text without the process environment: a key it gives another value depends on the machine.
    // Its problems are the ones reported above, or a variable only the machine sets (the key is left out).
    parseDotenv(text, file, () => undefined, isolated);
  }
  const fromFiles = Object.fromEntries(Object.entries(isolated).filter(([key, value]) => overlaid[key] === value));
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { result: failed ? undefined : { interpolation: { ...overlaid, ...environment }, fromFiles }, diagnostics };
}
