import type { Construct } from 'constructs';
import { IMAGE_IDENTITY, PROBE_TIMINGS, RESOURCES, SHUTDOWN, TASK, WRITABLE_PATHS } from '../defaults';
import * as k8s from '../../imports/k8s';
import { misuse } from '../kube/misuse';
import { Workload } from './workload';
import type { WorkloadOptions } from './workload-options';

/** A run-to-completion process: Compose `restart: no` services, migrations, one-off jobs. */
export interface TaskProps extends WorkloadOptions {
  /** Image pinned by tag or digest (`:latest` and untagged images are errors). */
  readonly image: string;
  /** Retries before the Job is marked failed. @default TASK.backoffLimit (3) */
  readonly backoffLimit?: number;
  /** Seconds a finished Job is kept before it is garbage-collected. @default TASK.ttlSecondsAfterFinished (3600) */
  readonly ttlSecondsAfterFinished?: number;
  /** Wall-clock limit for the whole Job. @default - none */
  readonly activeDeadlineSeconds?: number;
  /** @default TASK.restartPolicy ('Never': a failed attempt leaves its pod for `kubectl logs`) */
  readonly restartPolicy?: 'Never' | 'OnFailure';
}

/**
 * A Kubernetes Job with the same hardened pod as every role and no probes (it is expected to exit). A Job's pod
 * template is immutable: after changing it, delete the old Job (or wait for its TTL) before applying again.
 */
export class Task extends Workload {
  public readonly job: k8s.KubeJob;

  public constructor(scope: Construct, id: string, props: TaskProps) {
    super(scope, id, props, {
      component: 'task',
      identity: IMAGE_IDENTITY.app,
      resources: RESOURCES.app,
      writablePaths: WRITABLE_PATHS.app,
      ports: [],
      probes: {},
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.task,
      allowClaimTemplates: false,
      restartPolicy: props.restartPolicy ?? TASK.restartPolicy,
      exposed: false,
    });
    const backoffLimit = props.backoffLimit ?? TASK.backoffLimit;
    if (!Number.isInteger(backoffLimit) || backoffLimit < 0) {
      throw misuse(this, 'invalid-backoff-limit', 'backoffLimit must be a non-negative integer', backoffLimit, 'set backoffLimit to 0 (no retry) or more');
    }
    this.job = new k8s.KubeJob(this, 'Job', {
      metadata: this.controllerMetadata(),
      spec: {
        backoffLimit,
        ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? TASK.ttlSecondsAfterFinished,
        activeDeadlineSeconds: props.activeDeadlineSeconds,
        template: this.podTemplate,
      },
    });
  }
}
