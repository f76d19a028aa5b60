/**
 * Recognises healthcheck commands that only GET a local URL (`curl -f http://localhost:8000/health`,
 * `wget --spider -q http://127.0.0.1/`), so they become `httpGet` probes: the kubelet does the request itself, and
 * the image no longer needs curl or wget. Anything more elaborate stays an exec probe.
 */

/** Flags that change neither the request nor how its status is judged (curl fails on >= 400 only with -f). */
const CURL_FLAGS = new Set(['--fail', '--silent', '--show-error', '--location', '--head', '-I']);
/** Short curl flag clusters made of f, s, S, L (`-fsSL`); `-f` must be among them. */
const CURL_CLUSTER = /^-[fsSL]+$/;
const WGET_FLAGS = new Set(['--spider', '-q', '--quiet', '-O-', '-qO-', '-O', '-', '/dev/null', '-qO', '--no-verbose', '-nv']);
const LOCAL_URL = /^http:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::(\d+))?(\/[^\s]*)?$/;

export interface HttpGetTarget {
  readonly path: string;
  /** Absent means port 80, the URL's default. */
  readonly port: number;
}

/** The local URL an argv only fetches, or undefined when it does anything else. */
export function httpGetOf(argv: readonly string[]): HttpGetTarget | undefined {
  const [tool, ...args] = argv;
  const urls = args.filter((a) => a.startsWith('http'));
  const flags = args.filter((a) => !a.startsWith('http'));
  if (urls.length !== 1) return undefined;
  if (tool === 'curl') {
    const failsOnHttpError = flags.some((f) => f === '--fail' || (CURL_CLUSTER.test(f) && f.includes('f')));
    if (!failsOnHttpError || !flags.every((f) => CURL_FLAGS.has(f) || CURL_CLUSTER.test(f))) return undefined;
  } else if (tool === 'wget') {
    // wget exits non-zero on any HTTP error status by default.
    if (!flags.every((f) => WGET_FLAGS.has(f))) return undefined;
  } else {
    return undefined;
  }
  const match = LOCAL_URL.exec(urls[0] as string);
  if (!match) return undefined;
  return { path: match[2] ?? '/', port: match[1] ? Number(match[1]) : 80 };
}

/** Shell text without any shell syntax beyond words separated by spaces, split into those words. */
export function plainWords(script: string): string[] | undefined {
  if (/[^\w\s\-./:=@%,+]/.test(script)) return undefined;
  return script.trim().split(/\s+/);
}
