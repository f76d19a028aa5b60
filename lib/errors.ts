import * as fs from 'fs';

/** How bad a diagnostic is. Errors stop a run (exit 1, `dist/` untouched); warnings and infos are printed. */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based position in a source file. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One finding about user input or a synthesized object. Diagnostics are data: tests assert `code` and `pos`,
 * never the wording of `message`.
 */
export interface Diagnostic {
  /** Stable, kebab-case identifier, e.g. `yaml-duplicate-key`, `interpolation-required-unset`. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
  /** The offending value, as written. */
  readonly value?: string;
  /** Where the offending value is (the file that won a merge, for merged values). */
  readonly pos?: SourcePosition;
  /** Dotted path in the compose tree (`services.web.ports.0`) or construct path (`stack/backend`). */
  readonly path?: string;
}

/**
 * One stage's registry of diagnostic codes: each code's severity and what it means. Every stage owns its table,
 * so a code is declared next to the stage that emits it; the builder below is what the tables share.
 */
export type CodeTable<Code extends string = string> = Readonly<
  Record<Code, { readonly severity: Severity; readonly summary: string }>
>;

/** Optional parts of a diagnostic; the severity always comes from the code table. */
export type DiagnosticDetails = Pick<Diagnostic, 'pos' | 'path' | 'value' | 'fix'>;

/**
 * Returns the diagnostic builder for one code table: it accepts only the table's codes and takes the severity
 * from the table, so a call site cannot give a code a severity other than the registered one.
 */
export function diagnosticFactory<Code extends string>(
  table: CodeTable<Code>,
): (code: Code, message: string, details?: DiagnosticDetails) => Diagnostic {
  return (code, message, details = {}) => ({ code, severity: table[code].severity, message, ...details });
}

/** Thrown when a run must stop; carries every diagnostic collected so far. */
export class DiagnosticError extends Error {
  constructor(public readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d)).join('\n\n'));
    this.name = 'DiagnosticError';
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Reads source text for carets; injectable so tests and in-memory loads need no files. */
export type SourceReader = (file: string) => string | undefined;

const readFromDisk: SourceReader = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * A reader that reads each file once, for a run that formats many diagnostics at once (a CLI run): reading and
 * splitting a large file per diagnostic made printing quadratic (issue 5). Not for long-lived processes, where
 * files change between runs.
 */
export function cachingSourceReader(read: SourceReader = readFromDisk): SourceReader {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
}

/** The last text split into lines, so consecutive diagnostics in one file split it once. */
let splitCache: { readonly text: string; readonly lines: readonly string[] } | undefined;

function lineOf(text: string, line: number): string | undefined {
  if (splitCache?.text !== text) splitCache = { text, lines: text.split(/\r?\n/) };
  return splitCache.lines[line - 1];
}

/**
 * Renders a diagnostic the way compilers do:
 *
 *   compose.yaml:12:7: error[interpolation-required-unset]: DB_PASSWORD is required: set it
 *      12 |       DB_PASSWORD: ${DB_PASSWORD:?set it}
 *         |                    ^
 *     fix: export DB_PASSWORD or add it to .env
 */
export function formatDiagnostic(d: Diagnostic, readSource: SourceReader = readFromDisk): string {
  const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.column}: ` : d.path ? `${d.path}: ` : '';
  const lines = [`${where}${d.severity}[${d.code}]: ${d.message}`];
  if (d.pos) {
    const text = readSource(d.pos.file);
    const sourceLine = text === undefined ? undefined : lineOf(text, d.pos.line);
    if (sourceLine !== undefined) {
      const gutter = String(d.pos.line).length;
      lines.push(`  ${String(d.pos.line)} | ${sourceLine}`);
      lines.push(`  ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, d.pos.column - 1))}^`);
    }
  }
  if (d.fix) lines.push(`  fix: ${d.fix}`);
  return lines.join('\n');
}
