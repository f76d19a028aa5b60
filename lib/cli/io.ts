import type { SourceReader } from '../errors';

/** The CLI's whole world, injectable so tests run it in-process. */
export interface CliIo {
  /** Directory relative paths resolve against. */
  readonly cwd: string;
  /** Environment for interpolation (Compose reads the process environment). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes one line (or block) to standard output. */
  stdout(text: string): void;
  /** Writes one line (or block) to standard error. */
  stderr(text: string): void;
  /** Source lines for carets under diagnostics. */
  readonly readSource?: SourceReader;
}

/** Exit codes, the contract scripts rely on (also in `webstack --help`). */
export const EXIT = { ok: 0, inputError: 1, internalError: 2 } as const;
