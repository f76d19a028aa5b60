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
 * PostgreSQL: a StatefulSet (uid 999) with an 8Gi claim, PGDATA in a subdirectory of it, credentials from a
 * Secret, tuning as `-c` arguments, emptyDirs for the socket dir, /tmp and a memory-backed /dev/shm, a headless
 * Service on 5432, TCP liveness and `pg_isready` readiness/startup.
 */
export class Postgres extends StatefulWorkload {
  public constructor(scope: Construct, id: string, props: PostgresProps) {
    const secret = (key: string) => ({ secretKeyRef: { name: props.credentialsSecret, key } });
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
        POSTGRES_USER: secret(props.userKey ?? POSTGRES.secretUserKey),
        POSTGRES_PASSWORD: secret(props.passwordKey ?? POSTGRES.secretPasswordKey),
        POSTGRES_DB: props.database ?? POSTGRES.database,
        PGDATA: `${POSTGRES.dataMountPath}/${POSTGRES.pgdataSubdirectory}`,
      },
      volumes: [{
        name: STORAGE.claimName,
        mountPath: POSTGRES.dataMountPath,
        volumeClaimTemplate: { size: props.storageSize, storageClassName: props.storageClassName },
      }],
      probes: { liveness: { tcpSocket: {} }, readiness: ready, startup: ready },
      timings: { ...PROBE_TIMINGS, startup: PROBE_TIMINGS.databaseStartup },
      shutdown: SHUTDOWN.database,
      allowClaimTemplates: true,
      exposed: false,
    });
  }
}
