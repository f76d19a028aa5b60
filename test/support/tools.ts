import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The binaries scripts/install-tools.sh builds or installs and links into `.tools/bin/`. */
export type ToolName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kubectl' | 'kube-score' | 'nca' | 'checkov' | 'kube-linter' | 'netpolicy' | 'kompose';

/** Repository root, so tests and scripts find `dist/`, fixtures and `.tools/` wherever they were started from. */
export { REPO_ROOT } from './repo-root';
import { REPO_ROOT } from './repo-root';

/**
 * Absolute path of an installed tool. Throws, rather than skipping the test, when the tool is missing: a proof
 * that silently does not run proves nothing.
 */
export function toolPath(name: ToolName): string {
  const link = path.join(REPO_ROOT, '.tools', 'bin', name);
  if (!fs.existsSync(link)) {
    throw new Error(`${name} is not installed (${link} is missing): run scripts/install-tools.sh, or npm test`);
  }
  return link;
}

/** What a finished command left behind. */
export interface RunResult {
  /** Exit code; `null` when the process was killed (by the timeout, for instance). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The command line, for failure messages. */
  readonly command: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  /** Written to the process's stdin. @default - stdin is empty */
  readonly input?: string;
  /** Killed with SIGKILL after this long. @default 60000 */
  readonly timeoutMs?: number;
  /** Working directory. @default - the repository root */
  readonly cwd?: string;
}

/** Runs a command to completion and never rejects: callers assert on the exit code and the output. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const command = [file, ...args].join(' ');
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd ?? REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    const finish = (code: number | null, error?: Error): void => {
      clearTimeout(timer);
      const err = Buffer.concat(stderr).toString('utf8') + (error ? `\n${error.message}` : '');
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: err, command });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
    child.stdin.end(options.input ?? '');
  });
}

/** Formats a result for an assertion message: the command, its exit code and both streams. */
export function describeRun(result: RunResult): string {
  return `$ ${result.command}\nexit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
