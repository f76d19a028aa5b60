import type { IConstruct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { misuse } from './misuse';

/** How often and how patiently a probe runs, in seconds and counts. Unset keys keep the role's timing. */
export interface ProbeTimings {
  /** @default - the role's timing in `PROBE_TIMINGS` (lib/defaults.ts) */
  readonly initialDelaySeconds?: number;
  /** @default - the role's timing in `PROBE_TIMINGS` (lib/defaults.ts) */
  readonly periodSeconds?: number;
  /** @default - the role's timing in `PROBE_TIMINGS` (lib/defaults.ts) */
  readonly timeoutSeconds?: number;
  /** @default - the role's timing in `PROBE_TIMINGS` (lib/defaults.ts) */
  readonly failureThreshold?: number;
  /** Must be 1 for liveness and startup probes (a Kubernetes rule). @default 1 */
  readonly successThreshold?: number;
}

/** Run a command in the container (no shell: wrap in `["sh", "-c", "..."]` when you need one). */
export interface ExecCheck {
  readonly exec: readonly string[];
}

/** HTTP GET; success is a status in 200-399. */
export interface HttpCheck {
  readonly httpGet: {
    readonly path: string;
    /** @default - the container's first port */
    readonly port?: number;
  };
}

/** A TCP connect. */
export interface TcpCheck {
  readonly tcpSocket: {
    /** @default - the container's first port */
    readonly port?: number;
  };
}

/** One probe: exactly one check plus optional timings. */
export type ProbeSpec = (ExecCheck | HttpCheck | TcpCheck) & ProbeTimings;

/** A probe override: a new probe, or `false` to disable the role's default probe. */
export type ProbeOverride = ProbeSpec | false;

/**
 * Renders a probe. A role default's timings apply under the user's, so overriding only the check keeps sane timing.
 * HTTP and TCP checks without a port use the container's first port.
 */
export function renderProbe(scope: IConstruct, probe: ProbeSpec, timings: Required<ProbeTimings>, defaultPort: number | undefined): k8s.Probe {
  const merged = {
    initialDelaySeconds: probe.initialDelaySeconds ?? timings.initialDelaySeconds,
    periodSeconds: probe.periodSeconds ?? timings.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds ?? timings.timeoutSeconds,
    failureThreshold: probe.failureThreshold ?? timings.failureThreshold,
    successThreshold: probe.successThreshold ?? timings.successThreshold,
  };
  if ('exec' in probe) {
    if (probe.exec.length === 0) throw misuse(scope, 'probe-empty-command', 'an exec probe needs a command', probe.exec, 'give the argv, e.g. ["pg_isready", "-h", "127.0.0.1"]');
    return { exec: { command: [...probe.exec] }, ...merged };
  }
  const port = ('httpGet' in probe ? probe.httpGet.port : probe.tcpSocket.port) ?? defaultPort;
  if (port === undefined) {
    throw misuse(scope, 'probe-without-port', 'an HTTP or TCP probe needs a port, and the container has none', probe, 'set the probe port or use an exec probe');
  }
  if ('httpGet' in probe) {
    return { httpGet: { path: probe.httpGet.path, port: k8s.IntOrString.fromNumber(port) }, ...merged };
  }
  return { tcpSocket: { port: k8s.IntOrString.fromNumber(port) }, ...merged };
}
