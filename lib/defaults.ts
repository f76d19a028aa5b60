/**
 * THE one place for every default the constructs apply. Props cite these values in their `@default` JSDoc, the
 * README documents them from here, and tests compare the rendered manifests against them, so a default can never
 * drift between code, docs and output. This module imports nothing.
 */

// ---------------------------------------------------------------------------------------------------------------
// Role-level defaults (lib/services, lib/kube)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Numeric identities per image family. `runAsNonRoot` alone makes the kubelet refuse images whose USER is a name,
 * so every pod gets a numeric uid/gid that the image's own files belong to.
 */
export const IMAGE_IDENTITY = {
  /** Official `postgres` Debian images (`postgres` user). The alpine variants use 70 instead. */
  postgres: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
  /** Official `redis` Debian images (`redis` user). The alpine variants use group 1000 instead. */
  redis: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
  /** `nginxinc/nginx-unprivileged` (`nginx` user), both Debian and alpine. */
  nginxUnprivileged: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 },
  /** Application images we do not know: a high uid, >= 10000 as kube-score asks; the image must tolerate it. */
  app: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 },
} as const;

/**
 * Images the roles run when the user names none. Debian variants of postgres and redis, because IMAGE_IDENTITY
 * matches their uids; nginx-unprivileged runs as 101 on alpine too.
 */
export const IMAGES = {
  postgres: 'postgres:16.6-bookworm',
  redis: 'redis:7.4.1-bookworm',
  nginxUnprivileged: 'nginxinc/nginx-unprivileged:1.27.3-alpine',
} as const;

/** Requests and limits for one container; every role sets all six so HPAs, quotas and kube-score work. */
export interface ResourceDefaults {
  readonly requests: { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string };
  readonly limits: { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string };
}

/** Per-role container resources (never cdk8s-plus's fixed 1000m/512Mi). */
export const RESOURCES = {
  app: {
    requests: { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi' },
    limits: { cpu: '500m', memory: '512Mi', ephemeralStorage: '256Mi' },
  },
  backend: {
    requests: { cpu: '250m', memory: '256Mi', ephemeralStorage: '64Mi' },
    limits: { cpu: '1', memory: '512Mi', ephemeralStorage: '256Mi' },
  },
  frontend: {
    requests: { cpu: '50m', memory: '64Mi', ephemeralStorage: '32Mi' },
    limits: { cpu: '250m', memory: '128Mi', ephemeralStorage: '128Mi' },
  },
  celeryWorker: {
    requests: { cpu: '250m', memory: '256Mi', ephemeralStorage: '64Mi' },
    limits: { cpu: '1', memory: '1Gi', ephemeralStorage: '512Mi' },
  },
  celeryBeat: {
    requests: { cpu: '50m', memory: '128Mi', ephemeralStorage: '32Mi' },
    limits: { cpu: '250m', memory: '256Mi', ephemeralStorage: '128Mi' },
  },
  redis: {
    requests: { cpu: '100m', memory: '256Mi', ephemeralStorage: '32Mi' },
    limits: { cpu: '500m', memory: '512Mi', ephemeralStorage: '128Mi' },
  },
  postgres: {
    requests: { cpu: '500m', memory: '1Gi', ephemeralStorage: '64Mi' },
    limits: { cpu: '2', memory: '2Gi', ephemeralStorage: '512Mi' },
  },
  proxy: {
    requests: { cpu: '50m', memory: '64Mi', ephemeralStorage: '32Mi' },
    limits: { cpu: '500m', memory: '256Mi', ephemeralStorage: '128Mi' },
  },
  /** Databases, brokers and search engines other than postgres and redis (DATA_SERVICES). */
  dataService: {
    requests: { cpu: '250m', memory: '512Mi', ephemeralStorage: '64Mi' },
    limits: { cpu: '2', memory: '2Gi', ephemeralStorage: '512Mi' },
  },
} as const satisfies Record<string, ResourceDefaults>;

/** Probe timings in seconds. Readiness reacts fast, liveness slowly (a restart is expensive), startup is long. */
export const PROBE_TIMINGS = {
  liveness: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6, successThreshold: 1 },
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 },
  /** 5 s x 24 = two minutes to start before liveness takes over. */
  startup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24, successThreshold: 1 },
  /** Database recovery after a crash can replay a lot of WAL/AOF: 5 s x 120 = ten minutes. */
  databaseStartup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 120, successThreshold: 1 },
  /** `celery inspect ping` is a broker round trip: give it time and call it rarely. */
  celeryLiveness: { initialDelaySeconds: 0, periodSeconds: 60, timeoutSeconds: 20, failureThreshold: 3, successThreshold: 1 },
  celeryReadiness: { initialDelaySeconds: 0, periodSeconds: 30, timeoutSeconds: 20, failureThreshold: 2, successThreshold: 1 },
  celeryStartup: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 20, failureThreshold: 30, successThreshold: 1 },
} as const;

/** HTTP paths the web roles probe. */
export const PROBE_PATHS = {
  /** Backend liveness: the process is alive (must not check databases). */
  backendLiveness: '/health',
  /** Backend readiness: the process can serve traffic. */
  backendReadiness: '/ready',
  /** Frontend: nginx serves the SPA's index. */
  frontend: '/',
  /** Proxy: answered by nginx itself, never proxied. */
  proxyHealth: '/health',
} as const;

/** Container ports (all unprivileged, so no NET_BIND_SERVICE is ever needed). */
export const PORTS = {
  backend: 8000,
  nginxUnprivileged: 8080,
  redis: 6379,
  postgres: 5432,
  /** Port of the proxy's Service (the Service maps it to the unprivileged container port). */
  proxyService: 80,
} as const;

/**
 * HorizontalPodAutoscaler bounds (autoscaling/v2). Min 3 satisfies kube-linter's optional
 * hpa-minimum-three-replicas and keeps two pods while one node drains.
 */
export const AUTOSCALING = {
  web: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 },
  /** Workers scale on cpu only: their memory grows with task payloads, not with load. */
  worker: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 },
} as const;

/** One PodDisruptionBudget per workload. `maxUnavailable: 1` never blocks a drain, even with one replica. */
export const PDB = { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } as const;

/** Deployments roll one new pod at a time and never drop below the wanted count. */
export const ROLLING_UPDATE = { maxSurge: 1, maxUnavailable: 0 } as const;

/**
 * Graceful shutdown. The preStop sleep keeps a terminating web pod serving while endpoints and the proxy notice
 * it is gone (needs a `sleep` binary in the image); the grace period covers the sleep plus draining.
 */
export const SHUTDOWN = {
  web: { terminationGracePeriodSeconds: 30, preStopSleepSeconds: 5 },
  /** Celery's warm shutdown waits for running tasks; give long tasks time to finish. */
  worker: { terminationGracePeriodSeconds: 300, preStopSleepSeconds: 0 },
  singleton: { terminationGracePeriodSeconds: 30, preStopSleepSeconds: 0 },
  database: { terminationGracePeriodSeconds: 60, preStopSleepSeconds: 0 },
  task: { terminationGracePeriodSeconds: 30, preStopSleepSeconds: 0 },
} as const;

/** Size of every writable emptyDir unless a role says otherwise (counts against ephemeral-storage). */
export const EMPTY_DIR_SIZE = '64Mi';

/** Writable paths per image family under `readOnlyRootFilesystem`, each an emptyDir with a sizeLimit. */
export const WRITABLE_PATHS = {
  app: [{ path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }],
  /** nginx-unprivileged keeps its pid and temp files in /tmp and caches in /var/cache/nginx. */
  nginxUnprivileged: [
    { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE },
    { path: '/var/cache/nginx', sizeLimit: EMPTY_DIR_SIZE },
  ],
  /** The data directory is the volume claim; the socket dir and /tmp are emptyDirs; /dev/shm is memory. */
  postgres: [
    { path: '/var/run/postgresql', sizeLimit: '1Mi' },
    { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE },
    { path: '/dev/shm', sizeLimit: '256Mi', medium: 'Memory' },
  ],
  /** Everything redis writes goes to /data (the volume claim). */
  redis: [{ path: '/tmp', sizeLimit: '8Mi' }],
} as const;

/** A data directory, writable paths and port of a server image the converter knows by name. */
export interface ServerFamily {
  /** Numeric identity of the official image's own user, which owns its files. */
  readonly identity: { readonly runAsUser: number; readonly runAsGroup: number; readonly fsGroup: number };
  /** Where it keeps its data: the StatefulSet's claim (data services only). */
  readonly dataPath?: string;
  /** What else it writes under a read-only root filesystem: emptyDirs. */
  readonly writablePaths: readonly { readonly path: string; readonly sizeLimit: string }[];
}

/**
 * Data services beyond postgres and redis, by the last component of their image name: each becomes a StatefulSet
 * with its data directory as a volumeClaimTemplate, a headless Service, the uid of its official image and the
 * paths it writes (DataService, lib/services/data-service.ts). Ports come from the known-image table the
 * converter keeps (lib/convert/known-images.ts) or from Compose.
 */
export const DATA_SERVICES = {
  mysql: { identity: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }, dataPath: '/var/lib/mysql', writablePaths: [{ path: '/var/run/mysqld', sizeLimit: '1Mi' }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  mariadb: { identity: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }, dataPath: '/var/lib/mysql', writablePaths: [{ path: '/run/mysqld', sizeLimit: '1Mi' }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  mongo: { identity: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }, dataPath: '/data/db', writablePaths: [{ path: '/data/configdb', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  rabbitmq: { identity: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 }, dataPath: '/var/lib/rabbitmq', writablePaths: [{ path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  elasticsearch: { identity: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, dataPath: '/usr/share/elasticsearch/data', writablePaths: [{ path: '/usr/share/elasticsearch/logs', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  opensearch: { identity: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, dataPath: '/usr/share/opensearch/data', writablePaths: [{ path: '/usr/share/opensearch/logs', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  clickhouse: { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, dataPath: '/var/lib/clickhouse', writablePaths: [{ path: '/var/log/clickhouse-server', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  'clickhouse-server': { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, dataPath: '/var/lib/clickhouse', writablePaths: [{ path: '/var/log/clickhouse-server', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  minio: { identity: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, dataPath: '/data', writablePaths: [{ path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
} as const satisfies Record<string, ServerFamily>;

/**
 * Reverse proxies a Compose file brings, by the last component of their image name: kept with their own
 * configuration (EdgeProxy, lib/services/edge-proxy.ts), run as the image's unprivileged user with emptyDirs for
 * the caches, pid files and state they write.
 */
export const EDGE_PROXIES = {
  nginx: { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, writablePaths: [{ path: '/var/cache/nginx', sizeLimit: EMPTY_DIR_SIZE }, { path: '/var/run', sizeLimit: '1Mi' }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  'nginx-unprivileged': { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, writablePaths: [{ path: '/var/cache/nginx', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  openresty: { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, writablePaths: [{ path: '/var/run/openresty', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  caddy: { identity: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }, writablePaths: [{ path: '/data', sizeLimit: EMPTY_DIR_SIZE }, { path: '/config', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  traefik: { identity: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }, writablePaths: [{ path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  envoy: { identity: { runAsUser: 101, runAsGroup: 101, fsGroup: 101 }, writablePaths: [{ path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
  httpd: { identity: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }, writablePaths: [{ path: '/usr/local/apache2/logs', sizeLimit: EMPTY_DIR_SIZE }, { path: '/tmp', sizeLimit: EMPTY_DIR_SIZE }] },
} as const satisfies Record<string, ServerFamily>;

/** Postgres server parameters (passed as `-c key=value` arguments), data paths and credential keys. */
export const POSTGRES = {
  sharedBuffers: '512MB',
  effectiveCacheSize: '2GB',
  maxConnections: 200,
  workMem: '4MB',
  maintenanceWorkMem: '128MB',
  /** Mount point of the volume claim. */
  dataMountPath: '/var/lib/postgresql/data',
  /** PGDATA is a subdirectory: initdb refuses a mount point that contains `lost+found`. */
  pgdataSubdirectory: 'pgdata',
  /** Keys in the user-created credentials Secret. */
  secretUserKey: 'username',
  secretPasswordKey: 'password',
  /** The credentials Secret is mounted here and read through the image's `POSTGRES_*_FILE` variables, not env. */
  credentialsMountPath: '/run/secrets/postgres',
  /** Owner root, group the pod's fsGroup (the image's gid): readable by postgres, by no other uid. */
  credentialsFileMode: 0o440,
  database: 'app',
} as const;

/** Redis server settings (passed as command-line arguments), the data path and the password's Secret key. */
export const REDIS = {
  appendonly: 'yes',
  appendfsync: 'everysec',
  /** Three quarters of the 512Mi memory limit, leaving room for AOF rewrite buffers and fragmentation. */
  maxmemory: '384mb',
  maxmemoryPolicy: 'allkeys-lru',
  dataMountPath: '/data',
  secretPasswordKey: 'password',
} as const;

/** Persistent storage of the stateful roles (Bitnami's charts use 8Gi). */
export const STORAGE = { size: '8Gi', accessMode: 'ReadWriteOnce', claimName: 'data' } as const;

/** Jobs (migrations, one-off tasks). */
export const TASK = { backoffLimit: 3, ttlSecondsAfterFinished: 3600, restartPolicy: 'Never' } as const;

/** Proxy routing and headers. */
export const PROXY = {
  apiPrefixes: ['/api'],
  clientMaxBodySize: '10m',
  hstsMaxAgeSeconds: 31536000,
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

/** Labels and pod settings every role applies. */
export const POD = {
  managedBy: 'cdk8s-webstack',
  imagePullPolicy: 'IfNotPresent',
  seccompProfile: 'RuntimeDefault',
  antiAffinityWeight: 100,
  topologyKey: 'kubernetes.io/hostname',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Stack-level defaults (lib/stack*: namespace, Pod Security Admission, quota) — owned by the stack, appended below
// ---------------------------------------------------------------------------------------------------------------

/** Pod Security Admission labels on the stack's Namespace: all three modes, each pinned to a policy version. */
export const POD_SECURITY = {
  level: 'restricted',
  /** Pinned, so a cluster upgrade cannot silently change what is enforced (`latest` would). */
  version: 'v1.28',
  modes: ['enforce', 'warn', 'audit'],
} as const;

/**
 * The namespace's ResourceQuota: room for the example stack at full HPA scale plus one surge pod per workload
 * (a quota that is too small makes HPAs and rollouts fail silently with `exceeded quota` events).
 */
export const RESOURCE_QUOTA = {
  'requests.cpu': '20',
  'limits.cpu': '48',
  'requests.memory': '32Gi',
  'limits.memory': '64Gi',
  'requests.ephemeral-storage': '16Gi',
  'limits.ephemeral-storage': '48Gi',
  pods: '64',
  persistentvolumeclaims: '10',
  'requests.storage': '100Gi',
  'services.loadbalancers': '1',
} as const;

/**
 * The namespace's LimitRange: defaults for containers that set nothing (e.g. injected sidecars, which the quota
 * would otherwise reject) and a per-container ceiling.
 */
export const LIMIT_RANGE = {
  defaultRequest: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
  default: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '256Mi' },
  max: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '4Gi' },
} as const;

/** Cluster DNS (CoreDNS keeps the kube-dns labels), the only egress every pod gets. */
export const CLUSTER_DNS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' },
  port: 53,
} as const;

/** Names of the stack-wide objects; role policies are named after their role, so roles may not use these. */
export const STACK_OBJECT_NAMES = {
  defaultDeny: 'default-deny',
  dnsEgress: 'allow-dns',
  resourceQuota: 'quota',
  limitRange: 'limits',
} as const;
