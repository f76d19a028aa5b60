import { run } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';

/** What one in-process run of the `webstack` command line gave. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `webstack ...argv` in-process in `cwd`, with only `env` as the environment, and collects its output. */
export function runCli(argv: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, env: { ...env }, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  const code = run(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
