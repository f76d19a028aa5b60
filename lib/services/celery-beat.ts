import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import { futurePath } from '../kube/misuse';
import { validateCeleryApp } from './celery';
import type { WorkloadOptions } from './workload-options';
import { Worker } from './worker';

/** The Celery beat scheduler. No scaling options: it must run exactly once. */
export interface CeleryBeatProps extends WorkloadOptions {
  /** Image pinned by tag or digest, usually the worker's. */
  readonly image: string;
  /** The `celery -A` application, e.g. `proj` or `proj.celery:app`. */
  readonly celeryApp: string;
  /** @default ['celery', '-A', celeryApp, 'beat', '--loglevel=INFO', '--schedule=/tmp/celerybeat-schedule', '--pidfile=/tmp/celerybeat.pid'] */
  readonly args?: readonly string[];
}

const PIDFILE = '/tmp/celerybeat.pid';

/**
 * Celery beat: exactly one replica, no HPA, and the Recreate strategy, because two schedulers running side by
 * side during a rolling update would enqueue every periodic task twice. Its PDB (`maxUnavailable: 1`) never
 * blocks a node drain. The schedule and pid files live in /tmp (the root filesystem is read-only).
 */
export class CeleryBeat extends Worker {
  public constructor(scope: Construct, id: string, props: CeleryBeatProps) {
    const app = validateCeleryApp(futurePath(scope, id), props.celeryApp);
    super(scope, id, { ...props, replicas: 1 }, {
      component: 'scheduler',
      identity: IMAGE_IDENTITY.app,
      resources: RESOURCES.celeryBeat,
      writablePaths: WRITABLE_PATHS.app,
      ports: [],
      args: ['celery', '-A', app, 'beat', '--loglevel=INFO', '--schedule=/tmp/celerybeat-schedule', `--pidfile=${PIDFILE}`],
      probes: {
        // Beat answers no pings: ready once it wrote its pidfile, alive while that process runs.
        liveness: { exec: ['sh', '-c', `kill -0 "$(cat ${PIDFILE})"`] },
        readiness: { exec: ['test', '-s', PIDFILE] },
        startup: { exec: ['test', '-s', PIDFILE] },
      },
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.singleton,
      allowClaimTemplates: false,
      exposed: false,
      autoscaling: AUTOSCALING.worker,
      strategy: 'Recreate',
    });
  }
}
