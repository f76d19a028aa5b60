import type { IConstruct } from 'constructs';
import type { ResourceDefaults } from '../defaults';
import * as k8s from '../../imports/k8s';
import { misuse } from './misuse';

/** Amounts of one resource class; every key is optional in an override. */
export interface ResourceAmounts {
  /** CPU, e.g. `250m` or `1`. */
  readonly cpu?: string;
  /** Memory, e.g. `256Mi`. */
  readonly memory?: string;
  /** Ephemeral storage (container writable layer, logs, emptyDirs on disk), e.g. `64Mi`. */
  readonly ephemeralStorage?: string;
}

/** Per-key overrides of a role's default requests and limits. */
export interface ResourceOverrides {
  /** @default - the role's requests in `RESOURCES` (lib/defaults.ts) */
  readonly requests?: ResourceAmounts;
  /** @default - the role's limits in `RESOURCES` (lib/defaults.ts) */
  readonly limits?: ResourceAmounts;
}

const UNITS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Value of a Kubernetes quantity in base units, or undefined when the string is not one. */
function parseQuantity(quantity: string): number | undefined {
  const match = QUANTITY.exec(quantity);
  return match ? Number(match[1]) * (UNITS[match[2] ?? ''] ?? 1) : undefined;
}

const KEYS = [
  ['cpu', 'cpu'],
  ['memory', 'memory'],
  ['ephemeralStorage', 'ephemeral-storage'],
] as const;

/**
 * Merges overrides over the role defaults key by key and renders all six values. A request above its limit is
 * rejected here, because the API server would reject the pod much later and less clearly.
 */
export function resolveResources(scope: IConstruct, defaults: ResourceDefaults, overrides: ResourceOverrides = {}): k8s.ResourceRequirements {
  const requests: Record<string, k8s.Quantity> = {};
  const limits: Record<string, k8s.Quantity> = {};
  for (const [key, wire] of KEYS) {
    const request = overrides.requests?.[key] ?? defaults.requests[key];
    const limit = overrides.limits?.[key] ?? defaults.limits[key];
    const requestValue = parseQuantity(request);
    const limitValue = parseQuantity(limit);
    if (requestValue === undefined || limitValue === undefined) {
      throw misuse(scope, 'resource-not-quantity', `resources for ${key} are not Kubernetes quantities`, { request, limit }, 'write quantities such as "250m", "1", "256Mi" or "1Gi"');
    }
    if (requestValue > limitValue) {
      throw misuse(scope, 'request-above-limit', `resources.requests.${key} is above resources.limits.${key}`, { request, limit }, `lower the request or raise the limit to at least ${request}`);
    }
    requests[wire] = k8s.Quantity.fromString(request);
    limits[wire] = k8s.Quantity.fromString(limit);
  }
  return { requests, limits };
}
