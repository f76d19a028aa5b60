import type { HealthcheckSpec, HealthcheckTest } from '../compose/model';
import type { ProbeSpec } from '../kube/probes';
import { httpGetOf, plainWords } from './http-check';
import type { ServiceReporter } from './report';

/** Compose's own defaults for a healthcheck that leaves a timing out (compose-spec). */
export const COMPOSE_HEALTHCHECK_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
} as const;

/** The three probes a healthcheck becomes. */
export interface ProbeSet {
  readonly readiness: ProbeSpec;
  readonly liveness: ProbeSpec;
  readonly startup: ProbeSpec;
}

type Check = { exec: readonly string[] } | { httpGet: { path: string; port: number } };

/**
 * Maps a healthcheck to probes, or undefined when there is none to map (then the role's default probes apply).
 *
 * - readiness is the healthcheck itself: period = interval, timeout, failureThreshold = retries;
 * - startup runs the same check every `start_interval` for as long as Compose would wait (start_period plus
 *   retries x interval), so slow starters are not killed;
 * - liveness must differ from readiness and must not test dependencies (kube-score pod-probes-identical): a TCP
 *   connect to the main port, or for portless services the same check with twice the patience.
 */
export function probesFromHealthcheck(hc: HealthcheckSpec | undefined, mainPort: number | undefined, reporter: ServiceReporter): ProbeSet | undefined {
  if (hc === undefined) return undefined;
  const disabled = hc.disable || hc.test?.kind === 'none';
  if (disabled) {
    reporter.report('healthcheck-disabled', { at: 'healthcheck', message: 'the healthcheck is disabled, so the role default probes apply' });
    return undefined;
  }
  const empty = hc.test !== undefined && (hc.test.kind === 'shell' ? hc.test.command.trim() === '' : hc.test.argv.length === 0 || hc.test.argv[0] === '');
  if (empty) {
    reporter.report('healthcheck-empty', {
      at: 'healthcheck.test',
      message: 'the healthcheck test has no command, so there is nothing to probe; the role default probes apply',
      fix: 'give the command, e.g. `test: ["CMD", "curl", "-f", "http://localhost:8080/health"]`',
    });
    return undefined;
  }
  if (hc.test === undefined) {
    reporter.report('healthcheck-no-test', {
      at: 'healthcheck',
      message: "the healthcheck sets timings but no test: Compose keeps the image's own HEALTHCHECK, which Kubernetes cannot see, so the role's default probes apply",
      fix: 'copy the image’s HEALTHCHECK command into `test: ["CMD", ...]` to keep it as probes',
    });
    return undefined;
  }
  const check = checkOf(hc.test);
  const seconds = (key: keyof typeof COMPOSE_HEALTHCHECK_DEFAULTS & `${string}Ms`): number =>
    wholeSeconds(hc[key] ?? COMPOSE_HEALTHCHECK_DEFAULTS[key], key, reporter);
  const period = seconds('intervalMs');
  const timeout = seconds('timeoutMs');
  const startInterval = seconds('startIntervalMs');
  const startPeriod = Math.ceil((hc.startPeriodMs ?? COMPOSE_HEALTHCHECK_DEFAULTS.startPeriodMs) / 1000);
  const retries = Math.max(1, hc.retries ?? COMPOSE_HEALTHCHECK_DEFAULTS.retries);
  const timings = { periodSeconds: period, timeoutSeconds: timeout, successThreshold: 1 };
  return {
    readiness: { ...check, ...timings, failureThreshold: retries },
    startup: {
      ...check,
      ...timings,
      periodSeconds: startInterval,
      failureThreshold: Math.max(1, Math.ceil((startPeriod + retries * period) / startInterval)),
    },
    liveness:
      mainPort === undefined
        ? { ...check, ...timings, failureThreshold: retries * 2 }
        : { tcpSocket: { port: mainPort }, ...timings, failureThreshold: retries },
  };
}

/** `CMD` runs argv as is; `CMD-SHELL` runs through `/bin/sh -c` like Docker; plain local GETs become httpGet. */
function checkOf(test: Exclude<HealthcheckTest, { kind: 'none' }>): Check {
  const argv = test.kind === 'shell' ? ['/bin/sh', '-c', test.command] : [...test.argv];
  const words = test.kind === 'shell' ? plainWords(test.command) : test.argv;
  const http = words && httpGetOf(words);
  return http ? { httpGet: { path: http.path, port: http.port } } : { exec: argv };
}

/** Kubernetes probe timings are whole seconds, at least 1; anything finer rounds up, with a warning. */
function wholeSeconds(ms: number, key: string, reporter: ServiceReporter): number {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds * 1000 !== ms) {
    const composeKey = key.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    reporter.report('healthcheck-subsecond', {
      at: `healthcheck.${composeKey}`,
      message: `${composeKey} of ${ms}ms becomes ${seconds}s: Kubernetes probe timings are whole seconds`,
      value: `${ms}ms`,
      fix: `write a whole number of seconds, e.g. ${seconds}s`,
    });
  }
  return seconds;
}
