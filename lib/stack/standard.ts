import type { Construct } from 'constructs';
import { misuse } from '../kube/misuse';
import { Backend, type BackendProps } from '../services/backend';
import { CeleryBeat, type CeleryBeatProps } from '../services/celery-beat';
import { CeleryWorker, type CeleryWorkerProps } from '../services/celery-worker';
import { Frontend, type FrontendProps } from '../services/frontend';
import { Postgres, type PostgresProps } from '../services/postgres';
import { Proxy, type ProxyProps } from '../services/proxy';
import { Redis, type RedisProps } from '../services/redis';
import type { IStackRole } from '../services/role';
import { WebStack, type WebStackProps } from '../stack';

/**
 * The common web stack in one props object. Each role gets the props of its construct; the wiring (who depends
 * on whom, hence every NetworkPolicy edge) is fixed: proxy -> backend and frontend; backend and celery worker ->
 * postgres and redis; celery beat -> redis (the broker). `dependsOn` given in a role's props adds to that.
 */
export interface StandardWebStackProps extends WebStackProps {
  readonly backend: BackendProps;
  readonly frontend: FrontendProps;
  readonly postgres: PostgresProps;
  /** Cache and Celery broker. @default - no Redis (then no celery either) */
  readonly redis?: RedisProps;
  /** Requires `redis` (the broker). @default - no celery worker */
  readonly celeryWorker?: CeleryWorkerProps;
  /** Requires `celeryWorker` (beat only enqueues; workers run the tasks). @default - no celery beat */
  readonly celeryBeat?: CeleryBeatProps;
  /** @default - a LoadBalancer proxy routing `PROXY.apiPrefixes` to the backend and the rest to the frontend */
  readonly proxy?: Omit<ProxyProps, 'backend' | 'frontend'>;
}

function withDependencies<P extends { readonly dependsOn?: readonly IStackRole[] }>(props: P, roles: readonly (IStackRole | undefined)[]): P {
  return { ...props, dependsOn: [...roles.filter((r): r is IStackRole => r !== undefined), ...(props.dependsOn ?? [])] };
}

/**
 * A `WebStack` with the standard roles already created, under stable ids (`postgres`, `redis`, `backend`,
 * `frontend`, `celery-worker`, `celery-beat`, `proxy`) that are also their object names unless a role's `name`
 * prop says otherwise. For anything else, create a plain `WebStack` and add roles to it.
 */
export class StandardWebStack extends WebStack {
  public readonly postgres: Postgres;
  public readonly redis?: Redis;
  public readonly backend: Backend;
  public readonly frontend: Frontend;
  public readonly celeryWorker?: CeleryWorker;
  public readonly celeryBeat?: CeleryBeat;
  public readonly proxy: Proxy;

  constructor(scope: Construct, id: string, props: StandardWebStackProps) {
    super(scope, id, props);
    if (props.celeryWorker && !props.redis) {
      throw misuse(this, 'celery-without-broker', 'a celery worker needs a broker, and this stack uses Redis for it', Object.keys(props), 'set redis, or build the stack from WebStack with your own broker role');
    }
    if (props.celeryBeat && !props.celeryWorker) {
      throw misuse(this, 'beat-without-worker', 'celery beat only enqueues tasks; without a worker nothing runs them', Object.keys(props), 'set celeryWorker too');
    }
    this.postgres = new Postgres(this, 'postgres', props.postgres);
    this.redis = props.redis && new Redis(this, 'redis', props.redis);
    this.backend = new Backend(this, 'backend', withDependencies(props.backend, [this.postgres, this.redis]));
    this.frontend = new Frontend(this, 'frontend', props.frontend);
    this.celeryWorker = props.celeryWorker && new CeleryWorker(this, 'celery-worker', withDependencies(props.celeryWorker, [this.postgres, this.redis]));
    this.celeryBeat = props.celeryBeat && new CeleryBeat(this, 'celery-beat', withDependencies(props.celeryBeat, [this.redis]));
    this.proxy = new Proxy(this, 'proxy', { ...props.proxy, backend: this.backend, frontend: this.frontend });
  }
}
