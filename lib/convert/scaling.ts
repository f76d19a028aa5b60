import { AUTOSCALING } from '../defaults';
import type { NodeRequirement, ScalingOptions, TopologySpread, WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';
import { MAX_REPLICAS } from './limits';

/** Roles that run a Deployment, whose replicas and rollout Compose can tune. */
const DEPLOYMENT_ROLES = new Set(['web-service', 'backend', 'frontend', 'worker', 'celery-worker', 'proxy', 'edge-proxy']);

/**
 * Replicas and rollout: `x-webstack.replicas` fixes the count; `x-webstack.autoscaling` sets the HPA bounds;
 * Compose's `deploy.replicas`/`scale` becomes the HPA minimum (the HPA then owns the count). `update_config`
 * order and parallelism become maxSurge/maxUnavailable.
 */
export function scalingOptions(ctx: ServiceContext): ScalingOptions {
  const { service, webstack, reporter } = ctx;
  const deploy = service.deploy;
  reportIgnoredDeployKeys(ctx);
  if (deploy?.mode === 'global') {
    reporter.report('deploy-global', {
      at: 'deploy.mode',
      message: 'deploy.mode global runs one container per node, which is not a stack role',
      value: 'global',
      fix: 'use replicas (and the preferred anti-affinity every role has) instead',
    });
  }
  const composeReplicas = replicaCount(ctx, deploy?.replicas ?? service.scale, deploy?.replicas !== undefined ? 'deploy.replicas' : 'scale');
  if (!DEPLOYMENT_ROLES.has(ctx.role)) {
    if (composeReplicas !== undefined || webstack.replicas !== undefined || webstack.autoscaling !== undefined) {
      reporter.report('ignored-key', {
        at: webstack.replicas !== undefined || webstack.autoscaling !== undefined ? 'x-webstack' : deploy?.replicas !== undefined ? 'deploy.replicas' : 'scale',
        message: `the ${ctx.role} role runs exactly one pod (no replication or scheduling of copies), so the replica count is not used`,
      });
    }
    return {};
  }
  const rollout = rolloutOptions(ctx);
  if (webstack.replicas !== undefined) return { replicas: webstack.replicas, autoscaling: false, ...rollout };
  if (webstack.autoscaling === false) return { replicas: composeReplicas, autoscaling: false, ...rollout };
  const min = webstack.autoscaling?.min ?? (composeReplicas && composeReplicas > 0 ? composeReplicas : undefined);
  // A minimum above the role's default maximum raises the maximum with it.
  let max = webstack.autoscaling?.max ?? (min !== undefined && min > AUTOSCALING.web.maxReplicas ? min : undefined);
  if (min !== undefined && max !== undefined && min > max) {
    reporter.report('x-webstack-invalid', {
      at: 'x-webstack.autoscaling.max',
      message: `x-webstack.autoscaling.max ${max} is below deploy.replicas ${min}, so the HPA bounds are impossible`,
      value: String(max),
      fix: `raise max to at least ${min}, or lower deploy.replicas`,
    });
    max = min;
  }
  const autoscaling = min !== undefined || max !== undefined ? { minReplicas: min, maxReplicas: max } : undefined;
  return { autoscaling, ...rollout };
}

function rolloutOptions(ctx: ServiceContext): Pick<ScalingOptions, 'maxSurge' | 'maxUnavailable'> {
  const update = ctx.service.deploy?.updateConfig;
  if (!update) return {};
  for (const [key, field] of [['delay', 'delayMs'], ['failure_action', 'failureAction'], ['monitor', 'monitorMs'], ['max_failure_ratio', 'maxFailureRatio']] as const) {
    if (update[field] !== undefined) {
      ctx.reporter.report('update-config-field-ignored', {
        at: `deploy.update_config.${key}`,
        message: `update_config.${key} has no Deployment equivalent; progressDeadlineSeconds and readiness gate the rollout`,
        fix: `remove update_config.${key}`,
      });
    }
  }
  if (update.order === undefined && update.parallelism === undefined) return {};
  const step = Math.max(1, update.parallelism ?? 1);
  return update.order === 'start-first' ? { maxSurge: step, maxUnavailable: 0 } : { maxSurge: 0, maxUnavailable: step };
}

function reportIgnoredDeployKeys(ctx: ServiceContext): void {
  const deploy = ctx.service.deploy;
  if (deploy?.rollbackConfig !== undefined) {
    ctx.reporter.report('rollback-config-ignored', { at: 'deploy.rollback_config', message: 'rollback_config has no Kubernetes equivalent', fix: 'roll back with `kubectl rollout undo`' });
  }
  if (deploy?.endpointMode !== undefined) {
    ctx.reporter.report('endpoint-mode-ignored', { at: 'deploy.endpoint_mode', message: 'endpoint_mode is ignored: every Service is a ClusterIP Service', value: deploy.endpointMode });
  }
  if (deploy?.limits?.pids !== undefined) {
    ctx.reporter.report('unsupported-key', { at: 'deploy.resources.limits.pids', message: 'a pid limit is a kubelet setting (podPidsLimit), not a pod field', fix: 'ask the cluster administrator for podPidsLimit' });
  }
}

/** Swarm node attributes -> node labels. */
const NODE_ATTRIBUTES: Readonly<Record<string, string>> = {
  'node.hostname': 'kubernetes.io/hostname',
  'node.platform.os': 'kubernetes.io/os',
  'node.platform.arch': 'kubernetes.io/arch',
  'engine.labels.operatingsystem': 'kubernetes.io/os',
};

/**
 * `deploy.placement`: constraints -> required node affinity (`node.labels.X`, `node.hostname`, platform);
 * `spread` preferences -> topology spread constraints (ScheduleAnyway); anything else is an error, never dropped.
 */
export function placementOptions(ctx: ServiceContext): Pick<WorkloadOptions, 'nodeAffinity' | 'topologySpread'> {
  const placement = ctx.service.deploy?.placement;
  if (!placement) return {};
  const nodeAffinity = placement.constraints.flatMap((constraint, i): NodeRequirement[] => {
    const match = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/.exec(constraint);
    const attribute = match?.[1] ?? '';
    const key = attribute.startsWith('node.labels.') ? attribute.slice('node.labels.'.length) : NODE_ATTRIBUTES[attribute];
    if (!match || !key) {
      ctx.reporter.report('placement-constraint-invalid', {
        at: `deploy.placement.constraints.${i}`,
        message: `placement constraint ${constraint} has no node-label equivalent`,
        value: constraint,
        fix: 'use node.labels.<key>==<value>, node.hostname==<name> or node.platform.os/arch',
      });
      return [];
    }
    const value = key === 'kubernetes.io/arch' && match[3] === 'x86_64' ? 'amd64' : (match[3] as string);
    return [{ key, operator: match[2] === '==' ? 'In' : 'NotIn', values: [value] }];
  });
  const topologySpread = placement.preferences.flatMap((preference, i): TopologySpread[] => {
    const label = /^node\.labels\.(.+)$/.exec(preference)?.[1];
    if (!label) {
      ctx.reporter.report('placement-constraint-invalid', { at: `deploy.placement.preferences.${i}`, message: `placement preference ${preference} is not a node label spread`, value: preference, fix: 'use spread: node.labels.<key>' });
      return [];
    }
    return [{ topologyKey: label, whenUnsatisfiable: 'ScheduleAnyway' }];
  });
  if (placement.maxReplicasPerNode !== undefined) {
    ctx.reporter.report('max-replicas-per-node-ignored', {
      at: 'deploy.placement.max_replicas_per_node',
      message: 'max_replicas_per_node has no exact equivalent; the preferred anti-affinity spreads replicas over nodes',
      fix: 'add a topology spread constraint on kubernetes.io/hostname in TypeScript if it must be strict',
    });
  }
  return { nodeAffinity: nodeAffinity.length ? nodeAffinity : undefined, topologySpread: topologySpread.length ? topologySpread : undefined };
}

/** `deploy.replicas` or `scale`, when it is a count Kubernetes can store; else an error and the role's default. */
function replicaCount(ctx: ServiceContext, count: number | undefined, at: string): number | undefined {
  if (count === undefined || (Number.isInteger(count) && count >= 0 && count <= MAX_REPLICAS)) return count;
  ctx.reporter.report('replicas-invalid', { at, message: `${count} replicas is not a count from 0 to ${MAX_REPLICAS}`, value: String(count), fix: `write a whole number from 0 to ${MAX_REPLICAS}` });
  return undefined;
}
