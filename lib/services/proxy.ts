import { createHash } from 'crypto';
import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, IMAGES, PORTS, PROBE_PATHS, PROBE_TIMINGS, PROXY, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import * as k8s from '../../imports/k8s';
import { futurePath, misuse } from '../kube/misuse';
import { DeploymentWorkload } from './deployment-workload';
import { renderProxyConfig } from './proxy-config';
import type { IStackRole } from './role';
import type { ScalingOptions, WorkloadOptions } from './workload-options';

/** A Service of type LoadBalancer on port 80 (TLS, if any, ends at the load balancer). */
export interface LoadBalancerExposure {
  readonly type: 'loadBalancer';
}

/** An Ingress in front of a ClusterIP Service; with `tlsSecret` it terminates TLS and the proxy sends HSTS. */
export interface IngressExposure {
  readonly type: 'ingress';
  /** Host name the Ingress answers for. */
  readonly host: string;
  /** Secret of type kubernetes.io/tls (created by you or cert-manager). @default - no TLS and no HSTS */
  readonly tlsSecret?: string;
  /** @default - the cluster's default IngressClass */
  readonly ingressClassName?: string;
}

export type ProxyExposure = LoadBalancerExposure | IngressExposure;

/** The nginx reverse proxy: the only entry point from outside the namespace. */
export interface ProxyProps extends WorkloadOptions, ScalingOptions {
  /** Role that serves the API prefixes; becomes a dependency (NetworkPolicy edge). */
  readonly backend: IStackRole;
  /** Role that serves everything else; becomes a dependency (NetworkPolicy edge). */
  readonly frontend: IStackRole;
  /** Path prefixes routed to the backend. @default PROXY.apiPrefixes (['/api']) */
  readonly apiPrefixes?: readonly string[];
  /** How traffic reaches the proxy. @default { type: 'loadBalancer' } */
  readonly expose?: ProxyExposure;
  /** Largest request body nginx accepts. @default PROXY.clientMaxBodySize ('10m') */
  readonly clientMaxBodySize?: string;
}

const CONFIG_KEY = 'nginx.conf';
const PREFIX = /^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/;

/**
 * The proxy: nginx-unprivileged (uid 101, port 8080) with its nginx.conf in a ConfigMap, routing the API
 * prefixes to the backend and everything else to the frontend, security headers, a `/health` endpoint it answers
 * itself, HPA and PDB. Exposed by a LoadBalancer Service (80 -> 8080) or by an Ingress (with TLS and HSTS).
 */
export class Proxy extends DeploymentWorkload {
  public readonly configMap: k8s.KubeConfigMap;
  public readonly service: k8s.KubeService;
  /** Only with `expose.type: 'ingress'`. */
  public readonly ingress?: k8s.KubeIngress;

  public constructor(scope: Construct, id: string, props: ProxyProps) {
    const name = props.name ?? id;
    const path = futurePath(scope, id);
    const expose = props.expose ?? { type: 'loadBalancer' };
    const config = renderProxyConfig({
      listenPort: PORTS.nginxUnprivileged,
      backend: upstream(path, props.backend),
      frontend: upstream(path, props.frontend),
      apiPrefixes: (props.apiPrefixes ?? PROXY.apiPrefixes).map((p) => normalisePrefix(path, p)),
      hsts: expose.type === 'ingress' && expose.tlsSecret !== undefined,
      trustForwardedProto: expose.type === 'ingress',
      clientMaxBodySize: props.clientMaxBodySize ?? PROXY.clientMaxBodySize,
      healthPath: PROBE_PATHS.proxyHealth,
    });
    const health = { httpGet: { path: PROBE_PATHS.proxyHealth } };
    super(scope, id, {
      ...props,
      // Rolls the pods whenever the configuration changes.
      podAnnotations: { 'cdk8s-webstack/config-sha256': createHash('sha256').update(config).digest('hex'), ...props.podAnnotations },
      dependsOn: [props.backend, props.frontend, ...(props.dependsOn ?? [])],
    }, {
      component: 'proxy',
      image: IMAGES.nginxUnprivileged,
      identity: IMAGE_IDENTITY.nginxUnprivileged,
      resources: RESOURCES.proxy,
      writablePaths: WRITABLE_PATHS.nginxUnprivileged,
      ports: [{ name: 'http', port: PORTS.nginxUnprivileged }],
      volumes: [{ name: 'config', mountPath: `/etc/nginx/${CONFIG_KEY}`, subPath: CONFIG_KEY, configMap: { name } }],
      probes: { liveness: { tcpSocket: {} }, readiness: health, startup: health },
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.web,
      allowClaimTemplates: false,
      exposed: true,
      autoscaling: AUTOSCALING.web,
    });
    this.configMap = new k8s.KubeConfigMap(this, 'ConfigMap', { metadata: this.metadata(), data: { [CONFIG_KEY]: config } });
    this.service = this.addService({ type: expose.type === 'loadBalancer' ? 'LoadBalancer' : 'ClusterIP', servicePort: PORTS.proxyService });
    this.ingress = expose.type === 'ingress' ? exposureIngress(this, this.metadata(), expose, PORTS.proxyService) : undefined;
  }
}

/** The Ingress that exposes a role's Service (named like the role) on `port`, with TLS when a secret is named. */
export function exposureIngress(scope: Construct, metadata: k8s.ObjectMeta, expose: IngressExposure, port: number): k8s.KubeIngress {
  return new k8s.KubeIngress(scope, 'Ingress', {
    metadata,
    spec: {
      ingressClassName: expose.ingressClassName,
      tls: expose.tlsSecret ? [{ hosts: [expose.host], secretName: expose.tlsSecret }] : undefined,
      rules: [{
        host: expose.host,
        http: {
          paths: [{
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name: metadata.name as string, port: { number: port } } },
          }],
        },
      }],
    },
  });
}

/** Peers are reached through their Service, named like the role, on the role's first port. */
function upstream(path: string, role: IStackRole): string {
  const port = role.ports[0];
  if (!port) throw misuse(path, 'proxy-target-without-port', `the proxy cannot route to "${role.name}": it has no ports`, role.name, 'route only to roles with a Service port (Backend, Frontend, WebService)');
  return `${role.name}:${port.port}`;
}

function normalisePrefix(path: string, prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (!PREFIX.test(trimmed)) {
    throw misuse(path, 'invalid-api-prefix', 'an API prefix must be an absolute URL path without spaces, quotes or regex characters', prefix, 'write it like "/api" or "/graphql"');
  }
  return trimmed;
}
