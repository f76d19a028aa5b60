import { RESOURCES, type ResourceDefaults } from '../defaults';
import type { ResourceAmounts } from '../kube/resources';
import type { WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';
import { bytesToQuantity, cpusToQuantity, quantityValue } from './quantities';
import type { Role } from './roles';

/** Which row of RESOURCES (lib/defaults.ts) a role starts from. */
export const ROLE_RESOURCES: Readonly<Record<Role, ResourceDefaults>> = {
  'web-service': RESOURCES.app,
  worker: RESOURCES.app,
  task: RESOURCES.app,
  backend: RESOURCES.backend,
  frontend: RESOURCES.frontend,
  'celery-worker': RESOURCES.celeryWorker,
  'celery-beat': RESOURCES.celeryBeat,
  redis: RESOURCES.redis,
  postgres: RESOURCES.postgres,
  proxy: RESOURCES.proxy,
  'edge-proxy': RESOURCES.proxy,
  'data-service': RESOURCES.dataService,
};

interface Amount {
  readonly cpus?: number;
  readonly bytes?: number;
}

/**
 * `deploy.resources` and the service-level `cpus`/`mem_limit`/`mem_reservation`: limits -> limits, reservations
 * -> requests. A limit without a request keeps the role's request, capped at the limit, so the HPA still has a
 * request to compute utilization from. Keys Compose leaves out keep the role defaults.
 */
export function resourceOptions(ctx: ServiceContext): Partial<WorkloadOptions> {
  const { service } = ctx;
  const deploy = service.deploy;
  const limit = pick(ctx, 'limits', { cpus: deploy?.limits?.cpus, bytes: deploy?.limits?.memoryBytes }, { cpus: service.cpus, bytes: service.memLimitBytes }, ['cpus', 'mem_limit']);
  const request = pick(ctx, 'reservations', { cpus: deploy?.reservations?.cpus, bytes: deploy?.reservations?.memoryBytes }, { bytes: service.memReservationBytes }, ['cpus', 'mem_reservation']);
  checkDevices(ctx);
  if (limit.cpus === undefined && limit.bytes === undefined && request.cpus === undefined && request.bytes === undefined) return {};

  const defaults = ROLE_RESOURCES[ctx.role];
  const cpuRequest = request.cpus === undefined ? undefined : cpusToQuantity(request.cpus);
  const memoryRequest = request.bytes === undefined ? undefined : bytesToQuantity(request.bytes);
  const cpuLimit = limit.cpus === undefined ? raisedLimit(cpuRequest, defaults.limits.cpu) : cpusToQuantity(limit.cpus);
  const memoryLimit = limit.bytes === undefined ? raisedLimit(memoryRequest, defaults.limits.memory) : bytesToQuantity(limit.bytes);
  const requests: ResourceAmounts = {
    cpu: requestFor(ctx, 'cpus', cpuRequest, cpuLimit ?? defaults.limits.cpu, defaults.requests.cpu),
    memory: requestFor(ctx, 'memory', memoryRequest, memoryLimit ?? defaults.limits.memory, defaults.requests.memory),
  };
  return { resources: { requests, limits: { cpu: cpuLimit, memory: memoryLimit } } };
}

/** A reservation above the role's default limit (and no Compose limit) raises the limit to the reservation. */
function raisedLimit(request: string | undefined, defaultLimit: string): string | undefined {
  return request !== undefined && quantityValue(request) > quantityValue(defaultLimit) ? request : undefined;
}

/** Takes deploy.resources.<kind>, else the service-level keys; both set and different is an error. */
function pick(ctx: ServiceContext, kind: 'limits' | 'reservations', deploy: Amount, service: Amount, keys: readonly [string, string]): Amount {
  const conflict = (a: number | undefined, b: number | undefined): boolean => a !== undefined && b !== undefined && a !== b;
  if (conflict(deploy.cpus, service.cpus) || conflict(deploy.bytes, service.bytes)) {
    ctx.reporter.report('resources-conflict', {
      at: `deploy.resources.${kind}`,
      message: `deploy.resources.${kind} disagrees with ${keys.join('/')}`,
      fix: `keep only deploy.resources.${kind}`,
    });
  }
  const amount = { cpus: deploy.cpus ?? service.cpus, bytes: deploy.bytes ?? service.bytes };
  const at = deploy.cpus !== undefined || deploy.bytes !== undefined ? `deploy.resources.${kind}` : keys[0];
  return { cpus: withinRange(ctx, at, 'cpus', amount.cpus, MAX_CPUS), bytes: withinRange(ctx, at, 'memory', amount.bytes, MAX_MEMORY_BYTES) };
}

/** The largest cpu count and memory size a Compose value may ask for: beyond any node, so surely a typo. */
const MAX_CPUS = 1024;
const MAX_MEMORY_BYTES = 2 ** 50;

/** A positive amount up to `max`; anything else (0, negative, 1e23) is an error and the role default applies. */
function withinRange(ctx: ServiceContext, at: string, what: string, value: number | undefined, max: number): number | undefined {
  if (value === undefined || (Number.isFinite(value) && value > 0 && value <= max)) return value;
  ctx.reporter.report('resources-invalid', {
    at,
    message: `${what} ${value} is not a positive amount up to ${max}`,
    value: String(value),
    fix: `give a ${what} amount a node can have, e.g. ${what === 'cpus' ? '0.5' : '512M'}`,
  });
  return undefined;
}

/** The request to render: the Compose one (at most the limit), else the role default capped at the limit. */
function requestFor(ctx: ServiceContext, key: 'cpus' | 'memory', request: string | undefined, limit: string, roleDefault: string): string {
  if (request === undefined) return quantityValue(roleDefault) > quantityValue(limit) ? limit : roleDefault;
  if (quantityValue(request) <= quantityValue(limit)) return request;
  ctx.reporter.report('resources-request-above-limit', {
    at: `deploy.resources.reservations.${key}`,
    message: `the ${key} reservation ${request} is above its limit ${limit}`,
    value: request,
    fix: `lower the reservation or raise the limit to at least ${request}`,
  });
  return limit;
}

function checkDevices(ctx: ServiceContext): void {
  for (const at of ctx.service.deviceKeys) {
    ctx.reporter.report('devices-forbidden', {
      at,
      message: `${at} needs host devices, which a restricted pod cannot mount`,
      fix: 'use a device plugin (extended resources such as nvidia.com/gpu) set in TypeScript',
    });
  }
}
