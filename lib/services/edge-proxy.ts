import type { Construct } from 'constructs';
import { AUTOSCALING, EDGE_PROXIES, PROBE_TIMINGS, RESOURCES, SHUTDOWN } from '../defaults';
import type * as k8s from '../../imports/k8s';
import { futurePath, misuse } from '../kube/misuse';
import { DeploymentWorkload } from './deployment-workload';
import { exposureIngress, type ProxyExposure } from './proxy';
import type { ScalingOptions, WorkloadOptions } from './workload-options';

/** The reverse proxies {@link EdgeProxy} knows (lib/defaults.ts EDGE_PROXIES). */
export type EdgeProxyFamily = keyof typeof EDGE_PROXIES;

/** A reverse proxy the user brings, with its own image and configuration. */
export interface EdgeProxyProps extends WorkloadOptions, ScalingOptions {
  /** Image pinned by tag or digest (`:latest` and untagged images are errors). */
  readonly image: string;
  /** Which proxy it is: its uid and writable paths come from `EDGE_PROXIES`. */
  readonly family: EdgeProxyFamily;
  /** How traffic reaches it. @default { type: 'loadBalancer' } */
  readonly expose?: ProxyExposure;
  /** The Service port for each container port, by port name (Compose's published ports). @default - the container port */
  readonly servicePorts?: Readonly<Record<string, number>>;
}

/**
 * A reverse proxy kept as the Compose file has it (nginx, Caddy, Traefik, Envoy, Apache): its image, its
 * configuration (mounted through `volumes`), its routes. It runs as the image's unprivileged user with emptyDirs
 * for what it writes, and it is the stack's only entry from outside: a LoadBalancer Service on its published
 * ports, or an Ingress. Use {@link Proxy} for the stack's own nginx instead.
 */
export class EdgeProxy extends DeploymentWorkload {
  public readonly service: k8s.KubeService;
  /** Only with `expose.type: 'ingress'`. */
  public readonly ingress?: k8s.KubeIngress;

  public constructor(scope: Construct, id: string, props: EdgeProxyProps) {
    if ((props.ports ?? []).length === 0) {
      throw misuse(futurePath(scope, id), 'edge-proxy-without-port', 'a proxy needs the port its clients connect to', props.ports ?? [], 'set ports, e.g. [{ name: "http", port: 8080 }]');
    }
    const family = EDGE_PROXIES[props.family];
    const expose = props.expose ?? { type: 'loadBalancer' };
    super(scope, id, props, {
      component: 'proxy',
      identity: family.identity,
      resources: RESOURCES.proxy,
      writablePaths: family.writablePaths,
      ports: [],
      probes: { liveness: { tcpSocket: {} }, readiness: { tcpSocket: {} }, startup: { tcpSocket: {} } },
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.web,
      allowClaimTemplates: false,
      exposed: true,
      autoscaling: AUTOSCALING.web,
    });
    this.service = this.addService({ type: expose.type === 'loadBalancer' ? 'LoadBalancer' : 'ClusterIP', servicePorts: props.servicePorts });
    const first = this.ports[0];
    this.ingress = expose.type === 'ingress' && first ? exposureIngress(this, this.metadata(), expose, props.servicePorts?.[first.name] ?? first.port) : undefined;
  }
}
