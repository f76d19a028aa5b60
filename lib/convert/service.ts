import { PORTS } from '../defaults';
import type { ProbeOverride } from '../kube/probes';
import type { ScalingOptions, WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';
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

/** Everything the concerns produced for one service, before it is shaped into its role's props. */
export interface ServiceDraft {
  /** Options every role takes (name, image and dependencies are added by the role step). */
  readonly options: WorkloadOptions & ScalingOptions;
  /** The service's variables (env_file + environment), for roles that take some of them as props. */
  readonly variables: Map<string, string | null>;
  readonly storage: StorageResult;
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
  const options: WorkloadOptions & ScalingOptions = {
    ...processOptions(ctx),
    ...identityOptions(ctx),
    ...resourceOptions(ctx),
    ...shutdownOptions(ctx),
    ...resolverOptions(ctx),
    ...metadataOptions(ctx),
    ...scalingOptions(ctx),
    ...probeOptions(ctx, ports[0]?.port ?? ROLE_PORTS[ctx.role]),
    ...sysctlOptions(ctx, ports),
    ports: ports.length ? ports : undefined,
    nodeAffinity: [...platformAffinity(ctx.service, ctx.reporter), ...(placement.nodeAffinity ?? [])],
    topologySpread: placement.topologySpread,
    volumes: ownProxy ? [] : [...storage.volumes, ...fileOptions(ctx)],
  };
  return { options, variables, storage };
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
