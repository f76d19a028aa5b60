import type { Construct } from 'constructs';
import { IMAGE_IDENTITY, IMAGES, PORTS, POSTGRES, PROBE_TIMINGS, RESOURCES, SHUTDOWN, STORAGE, WRITABLE_PATHS } from '../defaults';
import type { ProbeSpec } from '../kube/probes';
import { StatefulWorkload } from './stateful-workload';
import type { WorkloadOptions } from './workload-options';

/** PostgreSQL on the official image, tuned through server arguments. */
export interface PostgresProps extends WorkloadOptions {
  /**
   * Secret (created by you) with the superuser name and password:
   * `kubectl create secret generic postgres --from-literal=username=app --from-literal=password="$(openssl rand -hex 24)"`.
   * It is mounted read-only at `POSTGRES.credentialsMountPath` and read through the image's `POSTGRES_USER_FILE` and
   * `POSTGRES_PASSWORD_FILE`, so the values are never in the environment. An `env` entry `POSTGRES_USER` or
   * `POSTGRES_PASSWORD` (or its `_FILE` form) replaces the file for that value.
   */
  readonly credentialsSecret: string;
  /** @default POSTGRES.secretUserKey ('username') */
  readonly userKey?: string;
  /** @default POSTGRES.secretPasswordKey ('password') */
  readonly passwordKey?: string;
  /** Database created on first start. @default POSTGRES.database ('app') */
  readonly database?: string;
  /** @default POSTGRES.sharedBuffers ('512MB') */
  readonly sharedBuffers?: string;
  /** @default POSTGRES.effectiveCacheSize ('2GB') */
  readonly effectiveCacheSize?: string;
  /** @default POSTGRES.maxConnections (200) */
  readonly maxConnections?: number;
  /** @default POSTGRES.workMem ('4MB') */
  readonly workMem?: string;
  /** @default POSTGRES.maintenanceWorkMem ('128MB') */
  readonly maintenanceWorkMem?: string;
  /** Size of the data volume claim. @default STORAGE.size ('8Gi') */
  readonly storageSize?: string;
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/**
 * PostgreSQL: a StatefulSet (uid 999) with an 8Gi claim, PGDATA in a subdirectory of it, credentials as files
 * from a Secret, tuning as `-c` arguments, emptyDirs for the socket dir, /tmp and a memory-backed /dev/shm, a headless
 * Service on 5432, TCP liveness and `pg_isready` readiness/startup.
 */
export class Postgres extends StatefulWorkload {
  public constructor(scope: Construct, id: string, props: PostgresProps) {
    // The image's entrypoint reads `<VAR>_FILE` (docker-entrypoint.sh, file_env). Files, unlike env vars, are not
    // inherited by every child process nor printed by tools that dump the environment (checkov CKV_K8S_35).
    const credentials = [
      { variable: 'POSTGRES_USER', key: props.userKey ?? POSTGRES.secretUserKey, file: 'username' },
      { variable: 'POSTGRES_PASSWORD', key: props.passwordKey ?? POSTGRES.secretPasswordKey, file: 'password' },
    ].filter((c) => props.env?.[c.variable] === undefined && props.env?.[`${c.variable}_FILE`] === undefined);
    const settings: Record<string, string | number> = {
      shared_buffers: props.sharedBuffers ?? POSTGRES.sharedBuffers,
      effective_cache_size: props.effectiveCacheSize ?? POSTGRES.effectiveCacheSize,
      max_connections: props.maxConnections ?? POSTGRES.maxConnections,
      work_mem: props.workMem ?? POSTGRES.workMem,
      maintenance_work_mem: props.maintenanceWorkMem ?? POSTGRES.maintenanceWorkMem,
    };
    // Over TCP on localhost, as clients connect; answers "accepting connections" without credentials.
    const ready: ProbeSpec = { exec: ['pg_isready', '-h', '127.0.0.1', '-p', String(PORTS.postgres)] };
    super(scope, id, props, {
      component: 'database',
      image: IMAGES.postgres,
      identity: IMAGE_IDENTITY.postgres,
      resources: RESOURCES.postgres,
      writablePaths: WRITABLE_PATHS.postgres,
      ports: [{ name: 'postgres', port: PORTS.postgres }],
      // The image's entrypoint runs `postgres` with arguments that start with "-".
      args: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
      env: {
        ...Object.fromEntries(credentials.map((c) => [`${c.variable}_FILE`, `${POSTGRES.credentialsMountPath}/${c.file}`])),
        POSTGRES_DB: props.database ?? POSTGRES.database,
        PGDATA: `${POSTGRES.dataMountPath}/${POSTGRES.pgdataSubdirectory}`,
      },
      volumes: [
        {
          name: STORAGE.claimName,
          mountPath: POSTGRES.dataMountPath,
          volumeClaimTemplate: { size: props.storageSize, storageClassName: props.storageClassName },
        },
        ...(credentials.length ? [{
          name: 'credentials',
          mountPath: POSTGRES.credentialsMountPath,
          secret: {
            secretName: props.credentialsSecret,
            items: credentials.map((c) => ({ key: c.key, path: c.file })),
            defaultMode: POSTGRES.credentialsFileMode,
          },
        }] : []),
      ],
      probes: { liveness: { tcpSocket: {} }, readiness: ready, startup: ready },
      timings: { ...PROBE_TIMINGS, startup: PROBE_TIMINGS.databaseStartup },
      shutdown: SHUTDOWN.database,
      allowClaimTemplates: true,
      exposed: false,
    });
  }
}
