import type { Construct } from 'constructs';
import { IMAGE_IDENTITY, IMAGES, PORTS, PROBE_TIMINGS, REDIS, RESOURCES, SHUTDOWN, STORAGE, WRITABLE_PATHS } from '../defaults';
import type { ProbeSpec } from '../kube/probes';
import { StatefulWorkload } from './stateful-workload';
import type { WorkloadOptions } from './workload-options';

/** Redis as a cache and Celery broker, with AOF persistence. */
export interface RedisProps extends WorkloadOptions {
  /**
   * Secret (created by you) holding the password; it reaches redis as `--requirepass $(REDIS_PASSWORD)` and
   * redis-cli as `REDISCLI_AUTH`, never as a literal in the manifest:
   * `kubectl create secret generic redis --from-literal=password="$(openssl rand -hex 24)"`.
   * `false` runs redis without a password, for clients that send none (a converted Compose stack whose redis had
   * none); then only the NetworkPolicies decide who connects. There is no default: choose.
   */
  readonly passwordSecret: string | false;
  /** Key of the password in that Secret. @default REDIS.secretPasswordKey ('password') */
  readonly passwordKey?: string;
  /** Memory cap for keys; keep it well below the memory limit. @default REDIS.maxmemory ('384mb') */
  readonly maxmemory?: string;
  /** @default REDIS.maxmemoryPolicy ('allkeys-lru') */
  readonly maxmemoryPolicy?: string;
  /** @default REDIS.appendfsync ('everysec') */
  readonly appendfsync?: 'always' | 'everysec' | 'no';
  /** Size of the data volume claim. @default STORAGE.size ('8Gi') */
  readonly storageSize?: string;
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
}

/**
 * Redis: a StatefulSet (uid 999) with an 8Gi claim at /data, AOF on (`appendfsync everysec`), `maxmemory` with
 * `allkeys-lru`, a password from a Secret, a headless Service on 6379, TCP liveness and `redis-cli ping` readiness.
 */
export class Redis extends StatefulWorkload {
  public constructor(scope: Construct, id: string, props: RedisProps) {
    const password = props.passwordSecret === false ? undefined : { secretKeyRef: { name: props.passwordSecret, key: props.passwordKey ?? REDIS.secretPasswordKey } };
    // Sent as REDISCLI_AUTH, so the password never appears on a command line; PONG only when auth succeeded.
    const ping: ProbeSpec = { exec: ['sh', '-c', `test "$(redis-cli -h 127.0.0.1 -p ${PORTS.redis} ping)" = PONG`] };
    super(scope, id, props, {
      component: 'cache',
      image: IMAGES.redis,
      identity: IMAGE_IDENTITY.redis,
      resources: RESOURCES.redis,
      writablePaths: WRITABLE_PATHS.redis,
      ports: [{ name: 'redis', port: PORTS.redis }],
      command: ['redis-server'],
      args: [
        '--port', String(PORTS.redis),
        '--appendonly', REDIS.appendonly,
        '--appendfsync', props.appendfsync ?? REDIS.appendfsync,
        '--maxmemory', props.maxmemory ?? REDIS.maxmemory,
        '--maxmemory-policy', props.maxmemoryPolicy ?? REDIS.maxmemoryPolicy,
        '--dir', REDIS.dataMountPath,
        // Kubernetes expands $(REDIS_PASSWORD) from the env at start; the manifest holds only the reference. Env,
        // not a file: redis-server has no *_FILE form (checkov CKV_K8S_35 is acknowledged, docs/cluster-tests.md).
        ...(password ? ['--requirepass', '$(REDIS_PASSWORD)'] : []),
      ],
      env: password ? { REDIS_PASSWORD: password, REDISCLI_AUTH: password } : {},
      volumes: [{
        name: STORAGE.claimName,
        mountPath: REDIS.dataMountPath,
        volumeClaimTemplate: { size: props.storageSize, storageClassName: props.storageClassName },
      }],
      probes: { liveness: { tcpSocket: {} }, readiness: ping, startup: ping },
      timings: { ...PROBE_TIMINGS, startup: PROBE_TIMINGS.databaseStartup },
      shutdown: SHUTDOWN.database,
      allowClaimTemplates: true,
      exposed: false,
    });
  }
}
