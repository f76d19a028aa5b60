import { PORTS } from '../defaults';
import type { ProbeOverride } from '../kube/probes';
import type { ScalingOptions, WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';
import type { Role } from './roles';
import { collectEnvironment } from './environment';
import { probesFromHealthcheck } from './healthcheck';
import { checkPullPolicy, platformAffinity } from './image';
import { shutdownOptions } from './lifecycle';
import { metadataOptions } from './metadata';
import { checkNetworking, portOptions, resolverOptions } from './networking';
import { processOptions } from './process';
import { resourceOptions } from './resources';
import { checkSecurity, identityOptions, sysctlOptions } from './security';
import { placementOptions, scalingOptions } from './scaling';
import { fileOptions } from './files';
import { storageOptions, type NamedVolumeUse, type StorageResult } from './storage';

/** Ports the stateful roles listen on whatever Compose declares: their liveness probe connects there. */
const ROLE_PORTS: Readonly<Record<string, number>> = { postgres: PORTS.postgres, redis: PORTS.redis };

/**
 * What the concerns produced for one service, one typed slice per concern, before it is shaped into its role's
 * props. Which role takes which slice is one table, {@link ROLE_SLICES}; the environment stays raw here, because
 * which values are secret is known only once every service's variables are (lib/convert/secret-values.ts).
 */
export interface ServiceDraft {
  readonly command: Pick<WorkloadOptions, 'command' | 'args'>;
  readonly process: Pick<WorkloadOptions, 'workingDir' | 'postStart' | 'preStop'>;
  readonly identity: Pick<WorkloadOptions, 'runAsUser' | 'runAsGroup' | 'fsGroup' | 'supplementalGroups'>;
  readonly resources: Pick<WorkloadOptions, 'resources'>;
  readonly shutdown: Pick<WorkloadOptions, 'terminationGracePeriodSeconds' | 'preStopSleepSeconds'>;
  readonly probes: Pick<WorkloadOptions, 'liveness' | 'readiness' | 'startup'>;
  readonly ports: Pick<WorkloadOptions, 'ports'>;
  readonly resolver: Pick<WorkloadOptions, 'hostAliases' | 'dnsConfig' | 'sysctls'>;
  readonly placement: Pick<WorkloadOptions, 'nodeAffinity' | 'topologySpread' | 'sameNodeAs'>;
  readonly metadata: Pick<WorkloadOptions, 'podAnnotations' | 'labels'>;
  readonly scaling: ScalingOptions;
  readonly volumes: Pick<WorkloadOptions, 'volumes'>;
  /** The service's variables (env_file + environment), classified into ConfigMap and Secret at the role step. */
  readonly variables: Map<string, string | null>;
  /** Claims and the stateful roles' data claim. */
  readonly storage: StorageResult;
}

/** The slices of a draft that become props. */
export type SliceName = Exclude<keyof ServiceDraft, 'variables' | 'storage'>;

/** What every role runs with: the process, its identity and limits, shutdown, resolver, placement, metadata, volumes. */
const WORKLOAD: readonly SliceName[] = ['command', 'process', 'identity', 'resources', 'shutdown', 'resolver', 'placement', 'metadata', 'volumes'];

/**
 * Which slices each role takes; what a role leaves out it sets itself: the databases run their own server command,
 * Jobs and singletons do not scale, portless roles take no ports, and the stack's own proxy keeps only what
 * concerns its pods (its image, files and routes are its own).
 */
export const ROLE_SLICES: Readonly<Record<Role, readonly SliceName[]>> = {
  'web-service': [...WORKLOAD, 'probes', 'ports', 'scaling'],
  backend: [...WORKLOAD, 'probes', 'ports', 'scaling'],
  frontend: [...WORKLOAD, 'probes', 'ports', 'scaling'],
  'edge-proxy': [...WORKLOAD, 'probes', 'ports', 'scaling'],
  worker: [...WORKLOAD, 'probes', 'scaling'],
  'celery-worker': [...WORKLOAD, 'probes', 'scaling'],
  'celery-beat': [...WORKLOAD, 'probes'],
  task: WORKLOAD,
  'data-service': [...WORKLOAD, 'probes', 'ports'],
  postgres: [...WORKLOAD.filter((slice) => slice !== 'command'), 'probes'],
  redis: [...WORKLOAD.filter((slice) => slice !== 'command'), 'probes'],
  proxy: ['resources', 'shutdown', 'placement', 'metadata', 'scaling'],
};

/** The props a role takes from a draft, per {@link ROLE_SLICES}. */
export function slicesFor(draft: ServiceDraft, role: Role): WorkloadOptions & ScalingOptions {
  return Object.assign({}, ...ROLE_SLICES[role].map((slice) => draft[slice])) as WorkloadOptions & ScalingOptions;
}

/** Runs every concern over one service. Pure apart from reading the project's own files. */
export function draftService(ctx: ServiceContext, volumes: ReadonlyMap<string, NamedVolumeUse>): ServiceDraft {
  checkPullPolicy(ctx.service, ctx.reporter);
  checkSecurity(ctx);
  checkNetworking(ctx);
  // The proxy role brings its own configuration: the Compose proxy's files and variables are not used
  // (its proxy-replaced diagnostic says so).
  const ownProxy = ctx.role === 'proxy';
  const variables = ownProxy ? new Map<string, string | null>() : collectEnvironment(ctx);
  const storage = ownProxy ? { volumes: [], singleReplica: false } : storageOptions(ctx, volumes);
  const ports = portOptions(ctx);
  const placement = placementOptions(ctx);
  const { command, args, ...process } = processOptions(ctx);
  return {
    command: { command, args },
    process,
    identity: identityOptions(ctx),
    resources: resourceOptions(ctx),
    shutdown: shutdownOptions(ctx),
    probes: probeOptions(ctx, ports[0]?.port ?? ROLE_PORTS[ctx.role]),
    ports: { ports: ports.length ? ports : undefined },
    resolver: { ...resolverOptions(ctx), ...sysctlOptions(ctx, ports) },
    placement: { nodeAffinity: [...platformAffinity(ctx.service, ctx.reporter), ...(placement.nodeAffinity ?? [])], topologySpread: placement.topologySpread },
    metadata: metadataOptions(ctx),
    scaling: scalingOptions(ctx),
    volumes: { volumes: ownProxy ? [] : [...storage.volumes, ...fileOptions(ctx)] },
    variables,
    storage,
  };
}

/** Healthcheck probes, then `x-webstack.probes` paths as HTTP checks (which win). */
function probeOptions(ctx: ServiceContext, mainPort: number | undefined): Pick<WorkloadOptions, 'liveness' | 'readiness' | 'startup'> {
  const probes = probesFromHealthcheck(ctx.service.healthcheck, mainPort, ctx.reporter);
  const paths = ctx.webstack.probes;
  const http = (path: string | undefined): ProbeOverride | undefined => (path === undefined ? undefined : { httpGet: { path } });
  return {
    liveness: http(paths?.liveness) ?? probes?.liveness,
    readiness: http(paths?.readiness) ?? probes?.readiness,
    startup: http(paths?.liveness) ?? probes?.startup,
  };
}
