/**
 * The compose-go reference (tools/compose-ref): built by `scripts/build-compose-ref.sh` into a cache outside the
 * repository (a second run costs nothing), then run once per corpus case.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { composeArgs, type CorpusCase } from './corpus';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The outcome of one reference run: compose-go's JSON, or the error it printed. */
export type ReferenceResult = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly error: string };

/**
 * Builds (or finds in the cache) the compose-go reference CLI via `scripts/build-compose-ref.sh` and returns its
 * absolute path. A cold build downloads compose-go through the Go module proxy and takes about 20 s.
 *
 * @throws with the script's own explanation (Go missing, module proxy unreachable, ...), never a silent skip.
 */
export function buildComposeRef(): string {
  const script = path.join(REPO_ROOT, 'scripts', 'build-compose-ref.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', timeout: 300_000 });
  const binary = run.stdout?.trim().split('\n').pop();
  if (run.status !== 0 || !binary) {
    throw new Error(
      `compose-go reference could not be built (scripts/build-compose-ref.sh exit ${String(run.status)}` +
        `${run.error ? `, ${run.error.message}` : ''}):\n${(run.stderr ?? '').trim()}`,
    );
  }
  return binary;
}

/**
 * Runs `docker compose <case flags> config --format json` through compose-go, from the case's project directory
 * and with an environment that holds exactly `env` (the machine's is never inherited), so the result is the same
 * on every machine. String values come back unescaped (Compose writes `$` as `$$` in its output).
 *
 * @param env variables interpolation sees as if exported. @default - none
 */
export function runComposeRef(binary: string, c: CorpusCase, env: Readonly<Record<string, string>> = {}): ReferenceResult {
  const args = [
    ...composeArgs(c),
    ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
  ];
  // The process environment holds only HOME, which compose-go reads (os.UserHomeDir) to expand `~/` in host
  // paths as Docker Compose does; interpolation never sees it because the tool does not read the OS environment.
  const processEnv = { HOME: os.homedir() };
  const run = spawnSync(binary, args, { cwd: c.projectDir, env: processEnv, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) return { ok: false, error: (run.stderr || run.error?.message || `exit ${String(run.status)}`).trim() };
  return { ok: true, json: unescapeDollars(JSON.parse(run.stdout) as unknown) };
}

/** Undoes Compose's output escaping (every `$` doubled) in every string, keys included. */
function unescapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\$/g, '$');
  if (Array.isArray(value)) return value.map(unescapeDollars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [unescapeDollars(k) as string, unescapeDollars(v)]));
  }
  return value;
}
