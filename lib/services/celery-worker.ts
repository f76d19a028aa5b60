import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import type { ProbeSpec } from '../kube/probes';
import { futurePath } from '../kube/misuse';
import { validateCeleryApp } from './celery';
import { Worker, type WorkerProps } from './worker';

/** A Celery worker running the application image. */
export interface CeleryWorkerProps extends WorkerProps {
  /** The `celery -A` application, e.g. `proj` or `proj.celery:app`. */
  readonly celeryApp: string;
  /** @default ['celery', '-A', celeryApp, 'worker', '--loglevel=INFO'] */
  readonly args?: readonly string[];
}

/**
 * A Celery worker: no Service, no ports; `celery inspect ping` against its own node as liveness (slow, tolerant),
 * readiness (faster) and startup probe; a 300 s grace period so running tasks finish on warm shutdown; HPA on cpu.
 */
export class CeleryWorker extends Worker {
  public constructor(scope: Construct, id: string, props: CeleryWorkerProps) {
    const app = validateCeleryApp(futurePath(scope, id), props.celeryApp);
    // Pings only this pod's node (celery@$HOSTNAME, the default node name), not the whole cluster of workers.
    const ping: ProbeSpec = { exec: ['sh', '-c', `celery -A ${app} inspect ping --destination "celery@$HOSTNAME" --timeout 10`] };
    super(scope, id, props, {
      component: 'worker',
      identity: IMAGE_IDENTITY.app,
      resources: RESOURCES.celeryWorker,
      writablePaths: WRITABLE_PATHS.app,
      ports: [],
      args: ['celery', '-A', app, 'worker', '--loglevel=INFO'],
      probes: { liveness: ping, readiness: ping, startup: ping },
      timings: { liveness: PROBE_TIMINGS.celeryLiveness, readiness: PROBE_TIMINGS.celeryReadiness, startup: PROBE_TIMINGS.celeryStartup },
      shutdown: SHUTDOWN.worker,
      allowClaimTemplates: false,
      exposed: false,
      autoscaling: AUTOSCALING.worker,
    });
  }
}
