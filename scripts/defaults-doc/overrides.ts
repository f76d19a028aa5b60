/**
 * How a user changes each default in lib/defaults.ts: the prop to set, or why no prop changes it. Keys are a
 * const or a dotted key path inside it; the longest key that matches a value wins. In `prop`, `{key}` stands for
 * the rest of the value's key path, so one entry covers a group (`resources.{key}` on `app.requests.cpu` reads
 * `resources.requests.cpu`). A group entry is used only where the props take exactly the group's keys (the
 * identity and shutdown props, ResourceOverrides, ProbeTimings, AutoscalingOptions, the quota and limit maps, the
 * whole DnsPeer) or where no prop changes any of them; elsewhere each key has its own entry, so a new key cannot
 * borrow a prop that does not exist.
 *
 * The doc generator refuses a default that no entry covers and an entry or note that covers nothing, so adding a
 * default means deciding here how it is overridden. Checked against the props in lib/services, lib/kube,
 * lib/stack.ts and lib/stack/namespace.ts.
 */
export type Override = { readonly prop: string } | { readonly fixed: string };

/** Entries by `CONST` or `CONST.key.path`. */
export type OverrideTable = Readonly<Record<string, Override>>;

/** The override table, plus a paragraph under a const's table for what every row of it shares. */
export interface OverrideGuide {
  readonly overrides: OverrideTable;
  /** Notes by const name. */
  readonly notes: Readonly<Record<string, string>>;
}

const prop = (text: string): Override => ({ prop: text });
const fixed = (why: string): Override => ({ fixed: why });

// The roles each group of defaults applies to, as the role classes pass them to their profile.
const WEB_ROLES = 'Backend, Frontend, WebService, Proxy';
const WORKER_ROLES = 'Worker, CeleryWorker';
const DEPLOYMENT_ROLES = `${WEB_ROLES}, ${WORKER_ROLES}`;
const APP_IMAGE_ROLES = 'Backend, WebService, Worker, CeleryWorker, CeleryBeat, Task';
const NGINX_ROLES = 'Frontend, Proxy';
const REPLACE_PATH = '(a volume with the same `mountPath` replaces the default)';

/** The rows of a server-family table (DATA_SERVICES, EDGE_PROXIES): the role's identity props and volumes. */
function serverFamilies(table: string, families: readonly string[], role: string, withData: boolean): OverrideTable {
  return Object.fromEntries(
    families.flatMap((family) => [
      [`${table}.${family}.identity`, prop(`\`{key}\` on ${role} with family ${family}`)],
      [`${table}.${family}.writablePaths`, prop(`\`volumes\` on ${role} ${REPLACE_PATH}`)],
      ...(withData ? [[`${table}.${family}.dataPath`, fixed('the image keeps its data there; the data claim is mounted at it')]] : []),
    ]),
  );
}

const OVERRIDES: OverrideTable = {
  'IMAGE_IDENTITY.postgres': prop('`{key}` on Postgres'),
  'IMAGE_IDENTITY.redis': prop('`{key}` on Redis'),
  'IMAGE_IDENTITY.nginxUnprivileged': prop(`\`{key}\` on ${NGINX_ROLES}`),
  'IMAGE_IDENTITY.app': prop(`\`{key}\` on ${APP_IMAGE_ROLES}`),

  'IMAGES.postgres': prop('`image` on Postgres'),
  'IMAGES.redis': prop('`image` on Redis'),
  'IMAGES.nginxUnprivileged': prop('`image` on Proxy'),

  'RESOURCES.app': prop('`resources.{key}` on WebService, Worker, Task'),
  'RESOURCES.backend': prop('`resources.{key}` on Backend'),
  'RESOURCES.frontend': prop('`resources.{key}` on Frontend'),
  'RESOURCES.celeryWorker': prop('`resources.{key}` on CeleryWorker'),
  'RESOURCES.celeryBeat': prop('`resources.{key}` on CeleryBeat'),
  'RESOURCES.redis': prop('`resources.{key}` on Redis'),
  'RESOURCES.postgres': prop('`resources.{key}` on Postgres'),
  'RESOURCES.proxy': prop('`resources.{key}` on Proxy, EdgeProxy'),
  'RESOURCES.dataService': prop('`resources.{key}` on DataService'),

  'PROBE_TIMINGS.liveness': prop(`\`liveness.{key}\` on every role but CeleryWorker`),
  'PROBE_TIMINGS.readiness': prop(`\`readiness.{key}\` on every role but CeleryWorker`),
  'PROBE_TIMINGS.startup': prop(`\`startup.{key}\` on every role but CeleryWorker, Postgres, Redis`),
  'PROBE_TIMINGS.databaseStartup': prop(`\`startup.{key}\` on Postgres, Redis`),
  'PROBE_TIMINGS.celeryLiveness': prop(`\`liveness.{key}\` on CeleryWorker`),
  'PROBE_TIMINGS.celeryReadiness': prop(`\`readiness.{key}\` on CeleryWorker`),
  'PROBE_TIMINGS.celeryStartup': prop(`\`startup.{key}\` on CeleryWorker`),

  'PROBE_PATHS.backendLiveness': prop('`livenessPath` on Backend (also its startup path)'),
  'PROBE_PATHS.backendReadiness': prop('`readinessPath` on Backend'),
  'PROBE_PATHS.frontend': prop('`readinessPath` on Frontend'),
  'PROBE_PATHS.proxyHealth': fixed('nginx answers it itself, from the generated nginx.conf'),

  'PORTS.backend': prop('`ports` on Backend'),
  'PORTS.nginxUnprivileged': prop('`ports` on Frontend; fixed on Proxy, whose nginx.conf listens there'),
  'PORTS.redis': fixed('`redis-server --port` and the readiness probe use it'),
  'PORTS.postgres': fixed('the image listens there and `pg_isready` checks it'),
  'PORTS.proxyService': fixed('the Service and Ingress port in front of the proxy'),

  'AUTOSCALING.web': prop(`\`autoscaling.{key}\` on ${WEB_ROLES}`),
  'AUTOSCALING.worker': prop(`\`autoscaling.{key}\` on ${WORKER_ROLES}`),

  PDB: fixed('a budget that never blocks a drain; patch the role\'s public `pdb` as an escape hatch'),

  'ROLLING_UPDATE.maxSurge': prop(`\`maxSurge\` on ${DEPLOYMENT_ROLES}`),
  'ROLLING_UPDATE.maxUnavailable': prop(`\`maxUnavailable\` on ${DEPLOYMENT_ROLES}`),

  'SHUTDOWN.web': prop(`\`{key}\` on ${WEB_ROLES}`),
  'SHUTDOWN.worker': prop(`\`{key}\` on ${WORKER_ROLES}`),
  'SHUTDOWN.singleton': prop('`{key}` on CeleryBeat'),
  'SHUTDOWN.database': prop('`{key}` on Postgres, Redis'),
  'SHUTDOWN.task': prop('`{key}` on Task'),

  EMPTY_DIR_SIZE: prop('`volumes[].emptyDir.sizeLimit` on any role'),

  'WRITABLE_PATHS.app': prop(`\`volumes\` on ${APP_IMAGE_ROLES} ${REPLACE_PATH}`),
  'WRITABLE_PATHS.nginxUnprivileged': prop(`\`volumes\` on ${NGINX_ROLES} ${REPLACE_PATH}`),
  'WRITABLE_PATHS.postgres': prop(`\`volumes\` on Postgres ${REPLACE_PATH}`),
  'WRITABLE_PATHS.redis': prop(`\`volumes\` on Redis ${REPLACE_PATH}`),

  ...serverFamilies('DATA_SERVICES', ['mysql', 'mariadb', 'mongo', 'rabbitmq', 'elasticsearch', 'opensearch', 'clickhouse', 'clickhouse-server', 'minio'], 'DataService', true),
  ...serverFamilies('EDGE_PROXIES', ['nginx', 'nginx-unprivileged', 'openresty', 'caddy', 'traefik', 'envoy', 'httpd'], 'EdgeProxy', false),

  'POSTGRES.sharedBuffers': prop('`sharedBuffers` on Postgres'),
  'POSTGRES.effectiveCacheSize': prop('`effectiveCacheSize` on Postgres'),
  'POSTGRES.maxConnections': prop('`maxConnections` on Postgres'),
  'POSTGRES.workMem': prop('`workMem` on Postgres'),
  'POSTGRES.maintenanceWorkMem': prop('`maintenanceWorkMem` on Postgres'),
  'POSTGRES.dataMountPath': fixed('PGDATA and the data claim\'s mount derive from it'),
  'POSTGRES.pgdataSubdirectory': fixed('PGDATA derives from it'),
  'POSTGRES.secretUserKey': prop('`userKey` on Postgres'),
  'POSTGRES.secretPasswordKey': prop('`passwordKey` on Postgres'),
  'POSTGRES.credentialsMountPath': fixed('`POSTGRES_USER_FILE`/`POSTGRES_PASSWORD_FILE` point into it; an `env` entry `POSTGRES_USER` or `POSTGRES_PASSWORD` on Postgres replaces that file'),
  'POSTGRES.credentialsFileMode': fixed('the credential files stay readable by the postgres group (fsGroup) only'),
  'POSTGRES.database': prop('`database` on Postgres'),

  'REDIS.appendonly': fixed('persistence is always on'),
  'REDIS.appendfsync': prop('`appendfsync` on Redis'),
  'REDIS.maxmemory': prop('`maxmemory` on Redis'),
  'REDIS.maxmemoryPolicy': prop('`maxmemoryPolicy` on Redis'),
  'REDIS.dataMountPath': fixed('`redis-server --dir` and the data claim\'s mount use it'),
  'REDIS.secretPasswordKey': prop('`passwordKey` on Redis'),

  'STORAGE.size': prop('`storageSize` on Postgres, Redis; `volumes[].volumeClaimTemplate.size` for their extra claims'),
  'STORAGE.accessMode': fixed('each StatefulSet pod owns its claim'),
  'STORAGE.claimName': fixed('the StatefulSets\' claim templates and mounts use it'),

  'TASK.backoffLimit': prop('`backoffLimit` on Task'),
  'TASK.ttlSecondsAfterFinished': prop('`ttlSecondsAfterFinished` on Task'),
  'TASK.restartPolicy': prop('`restartPolicy` on Task'),

  'PROXY.apiPrefixes': prop('`apiPrefixes` on Proxy'),
  'PROXY.clientMaxBodySize': prop('`clientMaxBodySize` on Proxy'),
  'PROXY.hstsMaxAgeSeconds': fixed('sent only when the Ingress has a `tlsSecret`'),
  'PROXY.frameOptions': fixed('security header every response carries'),
  'PROXY.referrerPolicy': fixed('security header every response carries'),

  'POD.managedBy': fixed('`labels` cannot replace the `app.kubernetes.io/*` labels'),
  'POD.imagePullPolicy': fixed('images are pinned, so a cached copy is the right one'),
  'POD.seccompProfile': fixed('Pod Security restricted requires it'),
  'POD.antiAffinityWeight': fixed('`topologySpread` adds constraints beside it'),
  'POD.topologyKey': fixed('`topologySpread` adds constraints beside it'),

  'POD_SECURITY.level': fixed('every stack enforces restricted'),
  'POD_SECURITY.version': prop('`podSecurityVersion` on WebStack'),
  'POD_SECURITY.modes': fixed('every stack enforces, warns and audits'),

  RESOURCE_QUOTA: prop('`resourceQuota` key `{key}` on WebStack'),
  LIMIT_RANGE: prop('`limitRange.{key}` on WebStack'),
  CLUSTER_DNS: prop('`dns` on WebStack (a whole `DnsPeer`)'),
  STACK_OBJECT_NAMES: fixed('stable names of the stack-wide objects; roles may not take them'),
};

const NOTES: Readonly<Record<string, string>> = {
  PROBE_TIMINGS: 'A probe override is a whole probe: give its check (`httpGet`, `tcpSocket` or `exec`) with the '
    + 'timings to change, e.g. `liveness: { tcpSocket: {}, periodSeconds: 20 }`; timings left out keep these values. '
    + '`false` drops the probe.',
  AUTOSCALING: 'Setting `replicas`, or `autoscaling: false`, drops the HPA for a fixed replica count. CeleryBeat '
    + 'takes no scaling props: it always runs one replica.',
  ROLLING_UPDATE: 'CeleryBeat takes neither: it uses the Recreate strategy, so two schedulers never run at once.',
};

export const OVERRIDE_GUIDE: OverrideGuide = { overrides: OVERRIDES, notes: NOTES };
