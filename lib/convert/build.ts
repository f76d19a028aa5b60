import { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { STORAGE } from '../defaults';
import { acknowledgeCheck } from '../policy/acknowledge';
import type { PolicyCode } from '../policy/violation';
import { Backend } from '../services/backend';
import { CeleryBeat } from '../services/celery-beat';
import { CeleryWorker } from '../services/celery-worker';
import { DataService } from '../services/data-service';
import { EdgeProxy } from '../services/edge-proxy';
import { Frontend } from '../services/frontend';
import { Postgres } from '../services/postgres';
import { Proxy } from '../services/proxy';
import { Redis } from '../services/redis';
import type { IStackRole } from '../services/role';
import { Task } from '../services/task';
import { WebService } from '../services/web-service';
import { Worker } from '../services/worker';
import { Workload } from '../services/workload';
import { WebStack, type WebStackProps } from '../stack';
import type { RoleSpec, StackSpec } from './spec';

/** Options of {@link buildStack}. */
export interface BuildStackOptions extends Omit<WebStackProps, 'namespace'> {
  /** @default - the spec's namespace */
  readonly namespace?: string;
}

/**
 * Instantiates a stack spec: the WebStack chart, the ConfigMaps and claims the spec lists, and one role construct
 * per role spec, dependencies first (the only place the converter touches cdk8s). Customize the returned stack,
 * or the spec before calling this, in TypeScript.
 *
 * @example
 *   const { spec } = convertCompose({ files: ['compose.yaml'] });
 *   const stack = buildStack(new App(), spec);
 */
export function buildStack(scope: Construct, spec: StackSpec, options: BuildStackOptions = {}): WebStack {
  const stack = new WebStack(scope, spec.name, { ...options, namespace: options.namespace ?? spec.namespace, resourceQuota: { ...spec.resourceQuota, ...options.resourceQuota } });
  for (const cm of spec.configMaps) {
    new k8s.KubeConfigMap(stack, `ConfigMap-${cm.name}`, { metadata: { name: cm.name }, data: { ...cm.data }, binaryData: cm.binaryData ? { ...cm.binaryData } : undefined });
  }
  for (const claim of spec.claims) {
    new k8s.KubePersistentVolumeClaim(stack, `Claim-${claim.name}`, {
      metadata: { name: claim.name },
      spec: {
        accessModes: [claim.accessMode ?? STORAGE.accessMode],
        storageClassName: claim.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(claim.size) } },
      },
    });
  }
  const built = new Map<string, IStackRole & IConstruct>();
  const resolve = (names: readonly string[]): IStackRole[] => names.flatMap((n) => built.get(n) ?? []);
  // Roles come dependencies first; in a cycle (two services that call each other) one of each pair is built
  // before the other exists, and gets that dependency once it does: dropping it would block a connection the app makes.
  const later = new Map<Workload, string[]>();
  for (const role of spec.roles) {
    const construct = instantiate(stack, role, resolve);
    for (const [code, reason] of Object.entries(role.acknowledge ?? {})) acknowledgeRoleCheck(construct, code as PolicyCode, reason);
    const pending = role.dependsOn.filter((name) => !built.has(name) && name !== role.props.name && spec.roles.some((r) => r.props.name === name));
    if (pending.length && construct instanceof Workload) later.set(construct, pending);
    built.set(role.props.name as string, construct);
  }
  for (const [construct, names] of later) construct.addDependency(...resolve(names));
  return stack;
}

/** Acknowledges a hygiene check on a role's Deployment, StatefulSet or Job (see `acknowledgeCheck`), with the reason. */
export function acknowledgeRoleCheck(role: IStackRole & IConstruct, code: PolicyCode, reason: string): void {
  acknowledgeCheck(controllerOf(role), code, reason);
}

/** The Deployment, StatefulSet or Job of a role: the object its pods are judged by. */
function controllerOf(role: IStackRole & IConstruct): ApiObject {
  const controller = role.node.children.find((c): c is ApiObject => c instanceof ApiObject && ['Deployment', 'StatefulSet', 'Job'].includes(c.kind));
  if (!controller) throw new Error(`${role.node.path}: no Deployment, StatefulSet or Job to annotate`);
  return controller;
}

function instantiate(stack: WebStack, spec: RoleSpec, resolve: (names: readonly string[]) => IStackRole[]): IStackRole & IConstruct {
  const id = spec.props.name as string;
  const dependsOn = resolve(spec.dependsOn);
  switch (spec.role) {
    case 'web-service':
      return new WebService(stack, id, { ...spec.props, dependsOn });
    case 'backend':
      return new Backend(stack, id, { ...spec.props, dependsOn });
    case 'frontend':
      return new Frontend(stack, id, { ...spec.props, dependsOn });
    case 'worker':
      return new Worker(stack, id, { ...spec.props, dependsOn });
    case 'celery-worker':
      return new CeleryWorker(stack, id, { ...spec.props, dependsOn });
    case 'celery-beat':
      return new CeleryBeat(stack, id, { ...spec.props, dependsOn });
    case 'postgres':
      return new Postgres(stack, id, { ...spec.props, dependsOn });
    case 'redis':
      return new Redis(stack, id, { ...spec.props, dependsOn });
    case 'data-service':
      return new DataService(stack, id, { ...spec.props, dependsOn });
    case 'edge-proxy':
      return new EdgeProxy(stack, id, { ...spec.props, dependsOn });
    case 'task':
      return new Task(stack, id, { ...spec.props, dependsOn });
    case 'proxy': {
      const [backend, frontend] = [resolve([spec.backend])[0], resolve([spec.frontend])[0]];
      if (!backend || !frontend) throw new Error(`proxy ${id}: its upstreams ${spec.backend} and ${spec.frontend} must be built first`);
      return new Proxy(stack, id, { ...spec.props, backend, frontend, dependsOn });
    }
  }
}
