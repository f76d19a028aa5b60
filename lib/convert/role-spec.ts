import type { ScalingOptions, WorkloadOptions } from '../services/workload-options';
import { compact } from './compact';
import type { Peer, ServiceContext } from './context';
import { environmentOptions } from './environment';
import { taskOptions } from './lifecycle';
import { proxySpec } from './proxy-spec';
import { celeryApp, dataServiceFamily, edgeProxyFamily, type Role } from './roles';
import type { DataServiceFamily } from '../services/data-service';
import type { EdgeProxyProps } from '../services/edge-proxy';
import type { RolePort } from '../services/role';
import { ROLE_SLICES, slicesFor, type ServiceDraft } from './service';
import type { RoleSpec } from './spec';
import { statefulSpec } from './stateful-spec';

/**
 * Shapes a draft into the props of its role construct. Roles that cannot be built as detected (a celery command
 * without `-A`, a web service whose ports were all refused, a proxy with nothing to route to) fall back to a
 * generic role, with a warning. Undefined when the service has no usable image (already an error).
 */
export function roleSpec(ctx: ServiceContext, draft: ServiceDraft, dependsOn: readonly Peer[]): RoleSpec | undefined {
  const image = ctx.image;
  const role = effectiveRole(ctx, draft, dependsOn);
  reportUnusedWebstackKeys(ctx, role);
  if (role === 'postgres' || role === 'redis') return statefulSpec(ctx, draft, role, dependsOn);
  // What the role takes from the draft (ROLE_SLICES), with a claim's single replica over the scaling slice.
  const sliced = compact({ ...slicesFor(draft, role), ...(ROLE_SLICES[role].includes('scaling') ? singleReplicaScaling(ctx, draft) : {}) });
  // The proxy runs the stack's own nginx image, so it is built even when the Compose image was refused.
  if (role === 'proxy') return proxySpec(ctx, dependsOn, sliced);
  if (image === undefined) return undefined;
  const props = compact({ ...sliced, ...environmentOptions(ctx, draft.variables), name: ctx.name, image });
  const { ports, liveness, readiness } = props;
  const common = { service: ctx.service.name, dependsOn: dependsOn.map((p) => p.name) };
  switch (role) {
    case 'task':
      if (ctx.service.healthcheck) {
        ctx.reporter.report('ignored-key', { at: 'healthcheck', message: 'a Job runs to completion, so its healthcheck is not turned into probes' });
      }
      return { ...common, role, props: compact({ ...props, ...taskOptions(ctx) }) };
    case 'worker':
      return { ...common, role, props, acknowledge: unprobedWorker(ctx, props) };
    case 'celery-worker':
    case 'celery-beat':
      // effectiveRole fell back to worker when there is no application.
      return { ...common, role, props: { ...props, celeryApp: celeryAppOf(ctx) as string } };
    case 'backend':
      return { ...common, role, props: compact({ ...props, livenessPath: ctx.webstack.probes?.liveness, readinessPath: ctx.webstack.probes?.readiness }) };
    case 'data-service':
      return { ...common, role, props: compact({ ...props, family: dataServiceFamily(image) as DataServiceFamily, storageSize: draft.storage.dataClaim?.storageSize, storageClassName: draft.storage.dataClaim?.storageClassName }) };
    case 'edge-proxy':
      return { ...common, role, props: compact({ ...props, family: edgeProxyFamily(image) ?? 'nginx', ...edgeExposure(ctx, ports ?? []) }) };
    case 'frontend':
      return { ...common, role, props: compact({ ...props, readinessPath: ctx.webstack.probes?.readiness }) };
    default:
      if (!liveness && !readiness) {
        ctx.reporter.report('probe-default-tcp', {
          message: `has no healthcheck, so a TCP connect to port ${ports?.[0]?.port} is its only probe: it cannot tell a hung application from a healthy one`,
          fix: 'add a healthcheck (an HTTP GET to a health path becomes an httpGet probe)',
        });
      }
      return { ...common, role: 'web-service', props };
  }
}

/**
 * A portless process without a healthcheck has nothing Kubernetes could probe: say so, and record the reason on
 * the workload so the synth-time hygiene check accepts it.
 */
function unprobedWorker(ctx: ServiceContext, probes: Pick<WorkloadOptions, 'liveness' | 'readiness'>): Record<string, string> | undefined {
  if (probes.liveness || probes.readiness) return undefined;
  ctx.reporter.report('probe-missing', {
    message: 'has no healthcheck and no port, so it gets no liveness or readiness probe: a hung process is not restarted',
    fix: 'add a healthcheck that tests the process itself (e.g. `test: ["CMD", "pgrep", "-f", "worker"]`)',
  });
  return { 'probe-missing': 'Compose defines no healthcheck for this portless process, so there is nothing to probe' };
}

/** x-webstack keys that only some roles use; set on another role they would otherwise do nothing, silently. */
function reportUnusedWebstackKeys(ctx: ServiceContext, role: Role): void {
  const unused = [
    ...(ctx.webstack.ingress && role !== 'proxy' ? [['ingress', 'only the proxy is exposed outside the namespace']] : []),
    ...(ctx.webstack.celeryApp && role !== 'celery-worker' && role !== 'celery-beat' ? [['celery_app', 'only celery roles take an application']] : []),
  ];
  for (const [key, why] of unused) {
    ctx.reporter.report('ignored-key', { at: `x-webstack.${key}`, message: `x-webstack.${key} is not used by the ${role} role: ${why}`, value: key });
  }
}

/** The celery `-A` application: `x-webstack.celery_app`, else the one the entrypoint and command name. */
function celeryAppOf(ctx: ServiceContext): string | undefined {
  return ctx.webstack.celeryApp ?? celeryApp([...(ctx.service.entrypoint ?? []), ...(ctx.service.command ?? [])]);
}

/** The role that can actually be built; falls back (with a warning) when the detected one cannot. */
function effectiveRole(ctx: ServiceContext, draft: ServiceDraft, dependsOn: readonly Peer[]): Role {
  const fallback = (to: Role, why: string): Role => {
    ctx.reporter.report('role-unavailable', { message: `${ctx.role} cannot be built (${why}); it becomes ${to}`, fix: 'set x-webstack.role, or supply what is missing' });
    return to;
  };
  const hasPorts = (draft.ports.ports?.length ?? 0) > 0;
  switch (ctx.role) {
    case 'celery-worker':
    case 'celery-beat':
      if (celeryAppOf(ctx)) return ctx.role;
      return fallback('worker', 'the command names no celery -A application; set x-webstack.celery_app');
    case 'proxy':
      return dependsOn.some((p) => p.hasPorts) ? 'proxy' : fallback(hasPorts ? 'web-service' : 'worker', 'it depends on no service with ports to route to');
    case 'data-service':
    case 'edge-proxy':
      return hasPorts && ctx.image !== undefined ? ctx.role : fallback(hasPorts ? 'web-service' : 'worker', 'it has no usable port');
    case 'web-service':
    case 'backend':
    case 'frontend':
      return hasPorts ? ctx.role : fallback('worker', 'it has no usable port');
    default:
      return ctx.role;
  }
}

/**
 * How a Compose proxy is reached: an Ingress when `x-webstack.ingress` names a host, else a LoadBalancer Service
 * whose ports are the ones Compose publishes (`80:8080` serves 80 outside, 8080 in the pod).
 */
function edgeExposure(ctx: ServiceContext, ports: readonly RolePort[]): Pick<EdgeProxyProps, 'expose' | 'servicePorts'> {
  const ingress = ctx.webstack.ingress;
  const servicePorts: Record<string, number> = {};
  for (const p of ctx.service.ports) {
    const name = ports.find((port) => port.port === p.target)?.name;
    if (name !== undefined && p.published !== undefined && /^\d{1,5}$/.test(p.published) && Number(p.published) >= 1 && Number(p.published) <= 65535 && servicePorts[name] === undefined) servicePorts[name] = Number(p.published);
  }
  return {
    expose: ingress ? compact({ type: 'ingress' as const, host: ingress.host, tlsSecret: ingress.tlsSecret, ingressClassName: ingress.className }) : undefined,
    servicePorts: Object.keys(servicePorts).length ? servicePorts : undefined,
  };
}

/** A ReadWriteOnce claim pins the role to one pod: replicas 1, no HPA; asking for more is an error. */
function singleReplicaScaling(ctx: ServiceContext, draft: ServiceDraft): ScalingOptions {
  if (!draft.storage.singleReplica) return {};
  const asked = ctx.webstack.replicas ?? ctx.service.deploy?.replicas ?? 1;
  if (asked > 1) {
    ctx.reporter.report('replicas-with-rwo-volume', {
      at: ctx.webstack.replicas !== undefined ? 'x-webstack.replicas' : 'deploy.replicas',
      message: `${asked} replicas cannot share a ReadWriteOnce volume`,
      value: String(asked),
      fix: 'run one replica, or move the shared state out of the volume',
    });
  }
  return { replicas: 1, autoscaling: false };
}
