import { AUTOSCALING, RESOURCE_QUOTA, ROLLING_UPDATE, STORAGE } from '../defaults';
import type { ResourceOverrides } from '../kube/resources';
import type { ScalingOptions } from '../services/workload-options';
import { quantityValue } from './quantities';
import { ROLE_RESOURCES } from './resources';
import type { ClaimSpec, RoleSpec } from './spec';

/** Roles that run a Deployment whose replica count an HPA may raise, and the bounds row they start from. */
const SCALING_ROW: Readonly<Partial<Record<RoleSpec['role'], keyof typeof AUTOSCALING>>> = {
  'web-service': 'web',
  backend: 'web',
  frontend: 'web',
  proxy: 'web',
  'edge-proxy': 'web',
  worker: 'worker',
  'celery-worker': 'worker',
};

const KEYS = [
  ['cpu', 'cpu'],
  ['memory', 'memory'],
  ['ephemeralStorage', 'ephemeral-storage'],
] as const;

/**
 * A ResourceQuota that fits the converted stack at full scale: the stack's default quota is sized for the example
 * (a handful of roles), and a larger Compose project (28 services at an HPA minimum of 3 is 84 pods) would have
 * pods refused by admission. Each limit is the default or what the roles need at their HPA maximum plus one
 * rollout surge pod, whichever is larger; the roles' resources come from their props, else the role defaults.
 */
export function quotaFor(roles: readonly RoleSpec[], claims: readonly ClaimSpec[]): Record<string, string> {
  const totals = new Map<string, number>([['pods', 0], ['persistentvolumeclaims', claims.length], ['requests.storage', 0]]);
  const add = (key: string, amount: number): void => {
    totals.set(key, (totals.get(key) ?? 0) + amount);
  };
  for (const claim of claims) add('requests.storage', quantityValue(claim.size));
  for (const role of roles) {
    const pods = maxPods(role);
    add('pods', pods);
    const overrides = (role.props as { resources?: ResourceOverrides }).resources;
    const defaults = ROLE_RESOURCES[role.role];
    for (const [key, wire] of KEYS) {
      add(`requests.${wire}`, pods * quantityValue(overrides?.requests?.[key] ?? defaults.requests[key]));
      add(`limits.${wire}`, pods * quantityValue(overrides?.limits?.[key] ?? defaults.limits[key]));
    }
    if (role.role === 'postgres' || role.role === 'redis' || role.role === 'data-service') {
      add('persistentvolumeclaims', 1);
      add('requests.storage', quantityValue((role.props as { storageSize?: string }).storageSize ?? STORAGE.size));
    }
  }
  const quota: Record<string, string> = {};
  for (const [key, needed] of totals) {
    const base = (RESOURCE_QUOTA as Readonly<Record<string, string>>)[key];
    if (base !== undefined && needed > quantityValue(base)) quota[key] = render(key, needed);
  }
  return quota;
}

/** The most pods a role runs at once: its HPA maximum (or fixed count) plus one surge pod during a rollout. */
function maxPods(role: RoleSpec): number {
  const row = SCALING_ROW[role.role];
  if (row === undefined) return 1;
  const scaling = role.props as ScalingOptions;
  const count = scaling.autoscaling === false ? (scaling.replicas ?? AUTOSCALING[row].minReplicas) : (scaling.autoscaling?.maxReplicas ?? AUTOSCALING[row].maxReplicas);
  return count + (typeof scaling.maxSurge === 'number' ? scaling.maxSurge : ROLLING_UPDATE.maxSurge);
}

/** Whole cores, whole GiB, or a count: quotas are read by people. */
function render(key: string, amount: number): string {
  if (key === 'pods' || key === 'persistentvolumeclaims') return String(Math.ceil(amount));
  if (key.endsWith('.cpu')) return String(Math.ceil(amount));
  return `${Math.ceil(amount / 2 ** 30)}Gi`;
}
