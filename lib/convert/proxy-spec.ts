import type { ScalingOptions, WorkloadOptions } from '../services/workload-options';
import { compact } from './compact';
import type { Peer, ServiceContext } from './context';
import type { RoleSpec } from './spec';

/** Service names that suggest an API or a UI upstream. */
const API_NAME = /api|back|server|app|django|uwsgi|gunicorn/;
const UI_NAME = /front|web|ui|dashboard|client|spa/;

/**
 * The stack's nginx proxy in place of the Compose one: /api (the role's default prefixes) to the upstream that
 * looks like an API, everything else to the one that looks like a UI (the same one when there is only one),
 * exposed through an Ingress when `x-webstack.ingress` names a host, else a LoadBalancer Service.
 */
export function proxySpec(ctx: ServiceContext, dependsOn: readonly Peer[], sliced: WorkloadOptions & ScalingOptions): RoleSpec {
  const upstreams = dependsOn.filter((p) => p.hasPorts);
  const backend = upstreams.find((p) => p.role === 'backend') ?? upstreams.find((p) => API_NAME.test(p.name)) ?? upstreams[0];
  const frontend = upstreams.find((p) => p.role === 'frontend') ?? upstreams.find((p) => p !== backend && UI_NAME.test(p.name)) ?? upstreams.find((p) => p !== backend) ?? backend;
  ctx.reporter.report('proxy-replaced', {
    at: 'image',
    message: `becomes the stack's nginx proxy: /api to ${backend?.name}, everything else to ${frontend?.name}; the Compose proxy's image, command, files, environment and healthcheck are not used`,
    fix: 'set apiPrefixes or the routes in TypeScript, or x-webstack.role web-service to keep your own proxy',
  });
  const ingress = ctx.webstack.ingress;
  return {
    role: 'proxy',
    service: ctx.service.name,
    dependsOn: dependsOn.filter((p) => p !== backend && p !== frontend && p.hasPorts).map((p) => p.name),
    backend: backend?.name as string,
    frontend: frontend?.name as string,
    props: compact({
      ...sliced,
      name: ctx.name,
      expose: ingress ? compact({ type: 'ingress' as const, host: ingress.host, tlsSecret: ingress.tlsSecret, ingressClassName: ingress.className }) : undefined,
    }),
  };
}
