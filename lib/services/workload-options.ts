import type { EnvValue } from '../kube/env';
import type { ProbeOverride } from '../kube/probes';
import type { ResourceOverrides } from '../kube/resources';
import type { VolumeSpec } from '../kube/volumes';
import type { IStackRole, RolePort } from './role';

/** A required node label, e.g. from a Compose placement constraint `node.labels.disk==ssd`. */
export interface NodeRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required for `In` and `NotIn`. @default - none */
  readonly values?: readonly string[];
}

/** Spread pods across a topology domain; the selector is always the role's own pods. */
export interface TopologySpread {
  /** e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /** @default 1 */
  readonly maxSkew?: number;
  /** @default 'ScheduleAnyway' */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
}

/** An `/etc/hosts` entry (Compose `extra_hosts`). */
export interface HostAlias {
  readonly ip: string;
  readonly hostnames: readonly string[];
}

/** Additions to the pod's DNS resolver; the policy stays `ClusterFirst` so Service names keep resolving. */
export interface DnsConfig {
  /** @default - none */
  readonly searches?: readonly string[];
  /** e.g. `{ name: 'ndots', value: '2' }`. @default - none */
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

/**
 * What every role accepts: everything Docker Compose can say about one service that Kubernetes can honour.
 * Roles fill in their own defaults (image family, ports, probes, resources) from lib/defaults.ts.
 */
export interface WorkloadOptions {
  /**
   * Name of every object of the role (Deployment/StatefulSet, Service, ServiceAccount, HPA, PDB) and of its
   * container. Renaming it replaces the live objects.
   * @default - the construct id
   */
  readonly name?: string;
  /** `app.kubernetes.io/instance`, part of the selector. @default - the id of the enclosing Chart */
  readonly instance?: string;
  /** `app.kubernetes.io/part-of`. @default - the instance */
  readonly partOf?: string;
  /** Image pinned by tag or digest; `:latest` and untagged images are errors. @default - the role's image in `IMAGES` */
  readonly image?: string;
  /** Replaces the image's ENTRYPOINT. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Replaces the image's CMD. @default - the role's arguments, else the image's CMD */
  readonly args?: readonly string[];
  /** @default - the image's WORKDIR */
  readonly workingDir?: string;
  /** Environment, in order. Secrets go in as `secretKeyRef`, never as literals. @default - the role's env only */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** ConfigMaps whose every key becomes an env var. @default - none */
  readonly envFromConfigMaps?: readonly string[];
  /** Secrets whose every key becomes an env var. @default - none */
  readonly envFromSecrets?: readonly string[];
  /** Unprivileged container ports (>= 1024, or >= `net.ipv4.ip_unprivileged_port_start` in `sysctls`); the first is the probes' and the Service's default. @default - the role's ports */
  readonly ports?: readonly RolePort[];
  /** @default - the role's liveness probe */
  readonly liveness?: ProbeOverride;
  /** @default - the role's readiness probe */
  readonly readiness?: ProbeOverride;
  /** @default - the role's startup probe */
  readonly startup?: ProbeOverride;
  /** Per-key overrides of requests and limits. @default - the role's values in `RESOURCES` */
  readonly resources?: ResourceOverrides;
  /** Non-zero uid of the container processes. @default - the image family's uid in `IMAGE_IDENTITY` */
  readonly runAsUser?: number;
  /** Non-zero gid of the container processes. @default - the image family's gid in `IMAGE_IDENTITY` */
  readonly runAsGroup?: number;
  /** Non-zero group that owns mounted volumes. @default - the image family's fsGroup in `IMAGE_IDENTITY` */
  readonly fsGroup?: number;
  /** Extra numeric groups (Compose `group_add`). @default - none */
  readonly supplementalGroups?: readonly number[];
  /**
   * Pod sysctls, only from Pod Security baseline's safe set (e.g. `net.ipv4.ip_unprivileged_port_start: '80'`
   * lets a non-root process bind port 80, and allows container ports from that value up). @default - none
   */
  readonly sysctls?: Readonly<Record<string, string>>;
  /** Extra volumes; one mounted at a default writable path replaces that default. @default - none */
  readonly volumes?: readonly VolumeSpec[];
  /** Annotations on the pod template (e.g. a config hash that rolls pods). @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Extra labels on every object and pod; cannot replace the `app.kubernetes.io/*` labels. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - the role's value in `SHUTDOWN` */
  readonly terminationGracePeriodSeconds?: number;
  /** `sleep N` before SIGTERM so endpoints drain first; 0 disables it. Needs `sleep` in the image. @default - the role's value in `SHUTDOWN` */
  readonly preStopSleepSeconds?: number;
  /** preStop exec hook; replaces the preStop sleep. @default - the preStop sleep, if any */
  readonly preStop?: readonly string[];
  /** postStart exec hook. @default - none */
  readonly postStart?: readonly string[];
  /** Required node labels (node affinity). @default - any node */
  readonly nodeAffinity?: readonly NodeRequirement[];
  /**
   * Label sets whose pods this role's pods must share a node with (a required pod affinity on
   * `kubernetes.io/hostname` per set), e.g. every user of one ReadWriteOnce claim, which only one node can mount.
   * The pods must carry the labels themselves (see `labels`) so the first of them can schedule.
   * @default - no co-location
   */
  readonly sameNodeAs?: readonly Readonly<Record<string, string>>[];
  /** Topology spread constraints over the role's pods. @default - only preferred anti-affinity on hostname */
  readonly topologySpread?: readonly TopologySpread[];
  /** `/etc/hosts` entries. @default - none */
  readonly hostAliases?: readonly HostAlias[];
  /** @default - the cluster's DNS settings */
  readonly dnsConfig?: DnsConfig;
  /** Roles this one connects to; the stack turns each into a NetworkPolicy edge. @default - none */
  readonly dependsOn?: readonly IStackRole[];
}

/** HPA bounds and targets (autoscaling/v2). */
export interface AutoscalingOptions {
  /** @default - the role's value in `AUTOSCALING` */
  readonly minReplicas?: number;
  /** @default - the role's value in `AUTOSCALING` */
  readonly maxReplicas?: number;
  /** Target average cpu utilization in percent of the request; `false` drops the metric. @default - the role's value in `AUTOSCALING` */
  readonly cpuUtilization?: number | false;
  /** Target average memory utilization in percent of the request; `false` drops the metric. @default - the role's value in `AUTOSCALING` */
  readonly memoryUtilization?: number | false;
}

/** Replica and rollout settings of roles that run a Deployment. */
export interface ScalingOptions {
  /** Fixed replica count; setting it turns the HPA off. @default - owned by the HPA */
  readonly replicas?: number;
  /** HPA settings, or `false` for a fixed replica count. @default - the role's bounds in `AUTOSCALING` */
  readonly autoscaling?: AutoscalingOptions | false;
  /** @default ROLLING_UPDATE.maxSurge (lib/defaults.ts) */
  readonly maxSurge?: number | string;
  /** @default ROLLING_UPDATE.maxUnavailable (lib/defaults.ts) */
  readonly maxUnavailable?: number | string;
}
