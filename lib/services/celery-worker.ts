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
 * A Celery worker: no Service, no ports; `celery inspect ping` against its own node as liveness (slow, tolerant)
 * and startup probe, `celery inspect active_queues` as readiness (faster); a 300 s grace period so running tasks
 * finish on warm shutdown; HPA on cpu.
 */
export class CeleryWorker extends Worker {
  public constructor(scope: Construct, id: string, props: CeleryWorkerProps) {
    const app = validateCeleryApp(futurePath(scope, id), props.celeryApp);
    // Asks only this pod's node (celery@$HOSTNAME, the default node name), not the whole cluster of workers;
    // `celery inspect` exits non-zero when the node does not reply.
    const inspect = (command: string): ProbeSpec => ({ exec: ['sh', '-c', `celery -A ${app} inspect ${command} --destination "celery@$HOSTNAME" --timeout 10`] });
    // Alive while the node answers; ready once it reports the queues it consumes, i.e. it takes work. kube-score
    // (pod-probes-identical) rightly wants them apart: a readiness failure must not be a restart.
    const ping = inspect('ping');
    super(scope, id, props, {
      component: 'worker',
      identity: IMAGE_IDENTITY.app,
      resources: RESOURCES.celeryWorker,
      writablePaths: WRITABLE_PATHS.app,
      ports: [],
      args: ['celery', '-A', app, 'worker', '--loglevel=INFO'],
      probes: { liveness: ping, readiness: inspect('active_queues'), startup: ping },
      timings: { liveness: PROBE_TIMINGS.celeryLiveness, readiness: PROBE_TIMINGS.celeryReadiness, startup: PROBE_TIMINGS.celeryStartup },
      shutdown: SHUTDOWN.worker,
      allowClaimTemplates: false,
      exposed: false,
      autoscaling: AUTOSCALING.worker,
    });
  }
}
