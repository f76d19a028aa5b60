import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import type * as k8s from '../../imports/k8s';
import { futurePath, misuse } from '../kube/misuse';
import { DeploymentWorkload, type DeploymentProfile } from './deployment-workload';
import type { ScalingOptions, WorkloadOptions } from './workload-options';

/** Any HTTP/TCP service image with at least one port: Deployment + ClusterIP Service + HPA + PDB. */
export interface WebServiceProps extends WorkloadOptions, ScalingOptions {
  /** Image pinned by tag or digest (`:latest` and untagged images are errors). */
  readonly image: string;
}

/**
 * Profile of an unknown application image: uid 10001, /tmp writable, TCP probes on the first port, web
 * resources, HPA on cpu and memory, preStop drain.
 */
function appProfile(): DeploymentProfile {
  return {
    component: 'web',
    identity: IMAGE_IDENTITY.app,
    resources: RESOURCES.app,
    writablePaths: WRITABLE_PATHS.app,
    ports: [],
    // TCP on the port for liveness and startup; readiness too, with faster timing (they still differ).
    probes: { liveness: { tcpSocket: {} }, readiness: { tcpSocket: {} }, startup: { tcpSocket: {} } },
    timings: PROBE_TIMINGS,
    shutdown: SHUTDOWN.web,
    allowClaimTemplates: false,
    exposed: false,
    autoscaling: AUTOSCALING.web,
  };
}

/**
 * A generic web service (any image that listens on a port): the pattern Backend and Frontend specialise.
 *
 * Objects, all named `name`: ServiceAccount, Deployment (no `replicas` while the HPA owns it), ClusterIP
 * Service, HorizontalPodAutoscaler (autoscaling/v2), PodDisruptionBudget.
 */
export class WebService extends DeploymentWorkload {
  /** ClusterIP Service named like the role. */
  public readonly service: k8s.KubeService;

  /**
   * @param profile role defaults; only subclasses pass one (internal).
   */
  public constructor(scope: Construct, id: string, props: WebServiceProps, profile: DeploymentProfile = appProfile()) {
    // Before super(): the default probes would otherwise fail first, for want of a port.
    if ((props.ports ?? profile.ports).length === 0) {
      throw misuse(futurePath(scope, id), 'web-service-without-port', 'a web service needs at least one port', props.ports ?? [], 'set ports, e.g. [{ name: "http", port: 8080 }], or use Worker for portless processes');
    }
    super(scope, id, props, profile);
    this.service = this.addService();
  }
}
