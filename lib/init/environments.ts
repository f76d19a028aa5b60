import { isDeepStrictEqual } from 'util';
import { CONFIG_HASH_ANNOTATION } from '../convert/config-hash';
import type { RoleSpec, StackSpec } from '../convert/spec';

/**
 * Several environments of one stack (`webstack init --env staging=compose.staging.yml --env production=...`):
 * each is the base Compose files merged with its override, converted on its own. The generated project writes
 * what they share once, as code, and what differs as typed values per environment in one place. That needs the
 * environments to run the same services with the same links; overrides that add or remove services, or change
 * who talks to whom, are refused with the difference named.
 */

/** One environment: its name (a directory under dist/) and its converted spec. */
export interface EnvironmentSpec {
  readonly name: string;
  readonly spec: StackSpec;
}

/** Stack props the environments may set differently. */
export type StackKey = 'namespace' | 'resourceQuota';

/** What differs between the environments. */
export interface Variation {
  readonly stack: ReadonlySet<StackKey>;
  /** ConfigMaps whose data differs, by name. */
  readonly configMaps: ReadonlySet<string>;
  /** Claims whose size, class or access mode differs, by name. */
  readonly claims: ReadonlySet<string>;
  /** The props whose values differ, by role name (only roles with any). */
  readonly roles: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Environments that cannot share one stack's code; the message says which and what differs. */
export class EnvironmentMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentMismatch';
  }
}

/** Compares the environments; throws {@link EnvironmentMismatch} when they are not the same stack. */
export function variation(environments: readonly EnvironmentSpec[]): Variation {
  const [first, ...others] = environments;
  if (!first) throw new EnvironmentMismatch('no environment to generate');
  for (const other of others) sameStructure(first, other);
  const differs = <T>(pick: (e: EnvironmentSpec) => T): boolean => others.some((other) => !isDeepStrictEqual(pick(other), pick(first)));
  const stack = new Set((['namespace', 'resourceQuota'] as const).filter((key) => differs((e) => e.spec[key])));
  const configMaps = new Set(first.spec.configMaps.map((cm) => cm.name).filter((name) => differs((e) => e.spec.configMaps.find((cm) => cm.name === name))));
  const claims = new Set(first.spec.claims.map((c) => c.name).filter((name) => differs((e) => e.spec.claims.find((c) => c.name === name))));
  const roles = new Map<string, Set<string>>();
  for (const role of first.spec.roles) {
    const name = role.props.name as string;
    const propsOf = (e: EnvironmentSpec): Record<string, unknown> => withoutConfigHash((e.spec.roles.find((r) => r.props.name === name)?.props ?? {}) as Record<string, unknown>);
    const keys = new Set(environments.flatMap((e) => Object.keys(propsOf(e))));
    const varying = new Set([...keys].filter((key) => differs((e) => propsOf(e)[key])));
    if (varying.size) roles.set(name, varying);
  }
  return { stack, configMaps, claims, roles };
}

/** The same services, roles, links and objects, in the same order: only values may differ. */
function sameStructure(first: EnvironmentSpec, other: EnvironmentSpec): void {
  const mismatch = (what: string, mine: unknown, theirs: unknown): EnvironmentMismatch =>
    new EnvironmentMismatch(
      `environments ${first.name} and ${other.name} differ in ${what} (${JSON.stringify(mine)} against ${JSON.stringify(theirs)}); ` +
        'an environment may change values (images, replicas, resources, settings) but not which services run or how they connect: ' +
        'keep such differences in separate projects, or make the services the same in every override',
    );
  const compare = (what: string, pick: (spec: StackSpec) => unknown): void => {
    const [mine, theirs] = [pick(first.spec), pick(other.spec)];
    if (!isDeepStrictEqual(mine, theirs)) throw mismatch(what, mine, theirs);
  };
  compare('the project name', (s) => s.name);
  compare('their services', (s) => s.roles.map((r) => `${r.props.name as string}: ${r.role}`));
  compare('their links', (s) => s.roles.map((r) => links(r)));
  compare('their acknowledged checks', (s) => s.roles.map((r) => r.acknowledge ?? {}));
  compare('their ConfigMaps', (s) => s.configMaps.map((cm) => cm.name));
  compare('their volume claims', (s) => s.claims.map((c) => c.name));
}

function links(role: RoleSpec): string[] {
  return [...role.dependsOn, ...(role.role === 'proxy' ? [`backend ${role.backend}`, `frontend ${role.frontend}`] : [])];
}

/**
 * A role's props without the config-hash annotation: the generated code computes it from the ConfigMaps it builds,
 * so a difference in ConfigMap content is not a difference of the role.
 */
export function withoutConfigHash(props: Record<string, unknown>): Record<string, unknown> {
  const annotations = props.podAnnotations as Record<string, string> | undefined;
  if (!annotations || !(CONFIG_HASH_ANNOTATION in annotations)) return props;
  const { [CONFIG_HASH_ANNOTATION]: _hash, ...others } = annotations;
  const { podAnnotations: _annotations, ...rest } = props;
  return Object.keys(others).length ? { ...rest, podAnnotations: others } : rest;
}
