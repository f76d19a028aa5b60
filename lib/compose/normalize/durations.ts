/**
 * Compose durations (`healthcheck.interval`, `stop_grace_period`, `deploy.restart_policy.delay`, …) use Go's
 * `time.ParseDuration` syntax. The model carries milliseconds; the normalized tree carries the string compose-go
 * prints, so the differential test against compose-go compares like with like.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses `1m30s`, `10s`, `1.5h`, `500ms` or `0` into milliseconds; a bare number counts as seconds (the
 * docker-compose v1 habit some files keep). Returns undefined when the text is not a duration.
 */
export function parseDurationMs(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input * 1000 : undefined;
  const text = input.trim();
  if (text === '0') return 0;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (text === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return total;
}

/**
 * Formats milliseconds the way compose-go prints a `types.Duration` in JSON: Go's `time.Duration.String()`
 * (`1m30s`, `1m0s`, `1h0m0s`, `1.5s`, `500ms`, `0s`).
 */
export function formatDuration(ms: number): string {
  return goDurationString(Math.round(ms * 1e6));
}

/** Go's `time.Duration.String()` for a whole number of nanoseconds. */
function goDurationString(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs < 1000) return `${sign}${abs}ns`;
  if (abs < 1e6) return `${sign}${trimFraction(abs / 1e3)}µs`;
  if (abs < 1e9) return `${sign}${trimFraction(abs / 1e6)}ms`;
  const hours = Math.floor(abs / 3.6e12);
  const minutes = Math.floor((abs % 3.6e12) / 6e10);
  const seconds = trimFraction((abs % 6e10) / 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** Up to nine fractional digits, trailing zeros dropped, as Go prints them. */
function trimFraction(value: number): string {
  return String(Number(value.toFixed(9)));
}
