import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import { misuse } from '../kube/misuse';
import { DeploymentWorkload, type DeploymentProfile } from './deployment-workload';
import type { ScalingOptions, WorkloadOptions } from './workload-options';

/** A process that accepts no connections (queue consumers, schedulers). */
export interface WorkerProps extends WorkloadOptions, ScalingOptions {
  /** Image pinned by tag or digest (`:latest` and untagged images are errors). */
  readonly image: string;
}

/**
 * Profile of an unknown worker image. A portless process has no default probe Kubernetes could run, so pass
 * `liveness`/`readiness` (e.g. from the Compose healthcheck) or use a role that knows its image (CeleryWorker).
 */
function genericWorkerProfile(): DeploymentProfile {
  return {
    component: 'worker',
    identity: IMAGE_IDENTITY.app,
    resources: RESOURCES.app,
    writablePaths: WRITABLE_PATHS.app,
    ports: [],
    probes: {},
    timings: PROBE_TIMINGS,
    shutdown: SHUTDOWN.worker,
    allowClaimTemplates: false,
    exposed: false,
    autoscaling: AUTOSCALING.worker,
  };
}

/**
 * A generic worker: Deployment + HPA on cpu + PDB, no Service and no ports (so the stack gives it no ingress).
 * The base of CeleryWorker and CeleryBeat.
 */
export class Worker extends DeploymentWorkload {
  /**
   * @param profile role defaults; only subclasses pass one (internal).
   */
  public constructor(scope: Construct, id: string, props: WorkerProps, profile: DeploymentProfile = genericWorkerProfile()) {
    super(scope, id, props, profile);
    if (this.ports.length > 0) {
      throw misuse(this, 'worker-with-ports', 'a worker accepts no connections, so it has no ports', props.ports, 'remove ports, or use WebService for a process that listens');
    }
  }
}
