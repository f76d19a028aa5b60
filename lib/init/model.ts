import type { Diagnostic } from '../errors';
import type { ServiceSource } from '../convert/convert-compose';
import type { RoleSpec, StackSpec } from '../convert/spec';
import type { EnvironmentSpec } from './environments';

/** What the generator needs besides the spec. */
export interface InitInput {
  /** The stack as converted; with environments, the first environment's. */
  readonly spec: StackSpec;
  /**
   * `--env NAME=FILE`: each environment's spec. The project then synthesizes one directory per environment, and
   * what differs between them is typed values in `lib/environments.ts`.
   * @default - one stack, no environments
   */
  readonly environments?: readonly EnvironmentSpec[];
  /** The Compose files, as the user named them (shown in comments and the README). */
  readonly composeFiles: readonly string[];
  /** Warnings (and infos) of the conversion: each becomes a TODO at its service. */
  readonly diagnostics: readonly Diagnostic[];
  /** Where each service and each of its keys is written. */
  readonly serviceSources: Readonly<Record<string, ServiceSource>>;
  /** Directory that file positions are shown relative to (the Compose project's). */
  readonly projectDir: string;
  /** Versions for the generated package.json: this package's and its peers'. */
  readonly versions: PackageVersions;
  /**
   * The rendered manifests, by path under test/manifests/ (`<project>.k8s.yaml`, or `<environment>/<project>.k8s.yaml`):
   * the reviewed copies the generated test compares with.
   */
  readonly manifests: Readonly<Record<string, string>>;
}

/** The versions the generated project depends on: those this package was built and tested with. */
export interface PackageVersions {
  readonly webstack: string;
  readonly dependencies: Readonly<Record<'cdk8s' | 'cdk8s-plus-28' | 'constructs', string>>;
  readonly devDependencies: Readonly<Record<'typescript' | 'jest' | 'ts-jest' | '@types/jest' | '@types/node' | 'cdk8s-cli', string>>;
}

/** The generated project's own names: the stack class, the environment type, the stack's module. */
export interface Names {
  readonly stack: string;
  readonly environment: string;
  readonly stackModule: string;
}

/** The construct class of each role, as the generated code names it. */
export const ROLE_CLASSES: Readonly<Record<RoleSpec['role'], string>> = {
  'web-service': 'WebService',
  backend: 'Backend',
  frontend: 'Frontend',
  worker: 'Worker',
  'celery-worker': 'CeleryWorker',
  'celery-beat': 'CeleryBeat',
  postgres: 'Postgres',
  redis: 'Redis',
  'data-service': 'DataService',
  'edge-proxy': 'EdgeProxy',
  task: 'Task',
  proxy: 'Proxy',
};

/** The object without its undefined fields, so generated literals do not spell them out. */
export function compactObject<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
