import type { BackendProps } from '../services/backend';
import type { CeleryBeatProps } from '../services/celery-beat';
import type { CeleryWorkerProps } from '../services/celery-worker';
import type { FrontendProps } from '../services/frontend';
import type { PostgresProps } from '../services/postgres';
import type { DataServiceProps } from '../services/data-service';
import type { EdgeProxyProps } from '../services/edge-proxy';
import type { ProxyProps } from '../services/proxy';
import type { RedisProps } from '../services/redis';
import type { TaskProps } from '../services/task';
import type { WebServiceProps } from '../services/web-service';
import type { WorkerProps } from '../services/worker';
import type { Role } from './roles';

/** The same object type with its top-level fields assignable, so seeded specs can be edited in place. */
export type Editable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A role construct's props as plain data: references to other roles are replaced by their names (resolved when
 * the stack is built), so a spec can be printed, diffed, edited and serialised.
 */
export type PlainProps<P> = Editable<Omit<P, 'dependsOn' | 'backend' | 'frontend'>>;

interface RoleSpecBase<R extends Role, P> {
  readonly role: R;
  /** The Compose service this role came from. */
  readonly service: string;
  /** Role names (`props.name` of other specs) this role connects to: NetworkPolicy edges. */
  dependsOn: string[];
  props: PlainProps<P>;
  /**
   * Hygiene checks that do not apply, with the reason (written as `ignore-check.cdk8s-webstack/<code>`
   * annotations, see lib/policy/acknowledge.ts). @default - none
   */
  readonly acknowledge?: Readonly<Record<string, string>>;
}

/** The proxy routes the API prefixes to `backend` and everything else to `frontend` (role names). */
export interface ProxyRoleSpec extends RoleSpecBase<'proxy', ProxyProps> {
  backend: string;
  frontend: string;
}

/** One role to instantiate, with the props its construct takes. `props.name` is the role's object name. */
export type RoleSpec =
  | RoleSpecBase<'web-service', WebServiceProps>
  | RoleSpecBase<'backend', BackendProps>
  | RoleSpecBase<'frontend', FrontendProps>
  | RoleSpecBase<'worker', WorkerProps>
  | RoleSpecBase<'celery-worker', CeleryWorkerProps>
  | RoleSpecBase<'celery-beat', CeleryBeatProps>
  | RoleSpecBase<'postgres', PostgresProps>
  | RoleSpecBase<'redis', RedisProps>
  | RoleSpecBase<'data-service', DataServiceProps>
  | RoleSpecBase<'edge-proxy', EdgeProxyProps>
  | RoleSpecBase<'task', TaskProps>
  | ProxyRoleSpec;

/** A ConfigMap the stack creates (env values, bind-mounted config files, Compose configs). */
export interface ConfigMapSpec {
  readonly name: string;
  /** UTF-8 files and values. */
  readonly data: Readonly<Record<string, string>>;
  /** Files that are not UTF-8, base64-encoded. */
  readonly binaryData?: Readonly<Record<string, string>>;
}

/** A PersistentVolumeClaim the stack creates for a named volume of a Deployment role. */
export interface ClaimSpec {
  readonly name: string;
  readonly size: string;
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** ReadWriteMany when services share the volume (the class must support it). @default STORAGE.accessMode */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteMany';
}

/**
 * A Secret the user must create before applying: the manifests reference it by name and key, and never hold a
 * value. `sources` says where each key's value lives in the Compose project (never the value itself).
 */
export interface RequiredSecret {
  readonly name: string;
  /** Key -> where its value comes from in the Compose project (`environment DD_SECRET_KEY`, `file ./db/password.txt`). */
  readonly keys: Readonly<Record<string, SecretSource>>;
}

/** Where a secret value is, so the report can say how to create it. */
export type SecretSource =
  | { readonly kind: 'literal'; readonly variable: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'external' };

/**
 * Everything needed to build a stack; edit it freely before {@link buildStack}:
 *
 *   const api = spec.roles.find((r) => r.service === 'api');
 *   if (api?.role === 'web-service') api.props.autoscaling = { minReplicas: 4, maxReplicas: 30 };
 */
export interface StackSpec {
  /** Chart id and default namespace (the Compose project name). */
  name: string;
  namespace: string;
  /** Roles in dependency order (dependencies first); keep that order when adding roles. */
  roles: RoleSpec[];
  configMaps: ConfigMapSpec[];
  claims: ClaimSpec[];
  /** Secrets the user creates; see `secretCommands()` for the kubectl commands. */
  secrets: RequiredSecret[];
  /**
   * ResourceQuota limits raised so the stack fits at full scale (only the keys the defaults are too small for).
   * @default - the stack's RESOURCE_QUOTA (lib/defaults.ts)
   */
  resourceQuota?: Readonly<Record<string, string>>;
}
