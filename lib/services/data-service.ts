import type { Construct } from 'constructs';
import { DATA_SERVICES, PROBE_TIMINGS, RESOURCES, SHUTDOWN, STORAGE } from '../defaults';
import { futurePath, misuse } from '../kube/misuse';
import { StatefulWorkload } from './stateful-workload';
import type { WorkloadOptions } from './workload-options';

/** The server families {@link DataService} knows (lib/defaults.ts DATA_SERVICES). */
export type DataServiceFamily = keyof typeof DATA_SERVICES;

/** A database, broker or search engine other than postgres and redis, on its official image. */
export interface DataServiceProps extends WorkloadOptions {
  /** Image pinned by tag or digest (`:latest` and untagged images are errors). */
  readonly image: string;
  /** Which server it is: its uid, data directory and writable paths come from `DATA_SERVICES`. */
  readonly family: DataServiceFamily;
  /** Size of the data volume claim. @default STORAGE.size ('8Gi') */
  readonly storageSize?: string;
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/**
 * A data service (MySQL/MariaDB, MongoDB, RabbitMQ, Elasticsearch/OpenSearch, ClickHouse, MinIO): a StatefulSet
 * running as its image's own user with its data directory as a volumeClaimTemplate, emptyDirs for the other paths
 * it writes, a headless Service on its ports, TCP probes, and a PDB. Not a Deployment with an HPA: a second copy
 * of a database is not a replica.
 */
export class DataService extends StatefulWorkload {
  public constructor(scope: Construct, id: string, props: DataServiceProps) {
    if ((props.ports ?? []).length === 0) {
      throw misuse(futurePath(scope, id), 'data-service-without-port', 'a data service needs the port its clients connect to', props.ports ?? [], 'set ports, e.g. [{ name: "mysql", port: 3306 }]');
    }
    const family = DATA_SERVICES[props.family];
    super(scope, id, props, {
      component: 'database',
      identity: family.identity,
      resources: RESOURCES.dataService,
      writablePaths: family.writablePaths,
      ports: [],
      volumes: [{ name: STORAGE.claimName, mountPath: family.dataPath, volumeClaimTemplate: { size: props.storageSize, storageClassName: props.storageClassName } }],
      // TCP on the first port: the server accepts connections; readiness reacts faster than liveness.
      probes: { liveness: { tcpSocket: {} }, readiness: { tcpSocket: {} }, startup: { tcpSocket: {} } },
      timings: { ...PROBE_TIMINGS, startup: PROBE_TIMINGS.databaseStartup },
      shutdown: SHUTDOWN.database,
      allowClaimTemplates: true,
      exposed: false,
    });
  }
}
