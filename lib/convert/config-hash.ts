import { createHash } from 'crypto';
import type { VolumeSpec } from '../kube/volumes';
import type { ConfigMapSpec, RoleSpec } from './spec';

/** Pod-template annotation whose change rolls the pods when a ConfigMap they read changes (as the proxy role does). */
export const CONFIG_HASH_ANNOTATION = 'cdk8s-webstack/config-sha256';

/**
 * Adds a hash of every stack ConfigMap a role reads (envFrom and volumes) to its pod template, so `kubectl apply`
 * of changed config restarts the pods that use it; Kubernetes itself never restarts them.
 */
export function withConfigHash(role: RoleSpec, configMaps: ConfigMapIndex): RoleSpec {
  const read = configMapsReadBy(role, configMaps);
  if (read.length === 0) return role;
  const props = role.props as { podAnnotations?: Readonly<Record<string, string>> };
  return { ...role, props: { ...role.props, podAnnotations: { ...props.podAnnotations, [CONFIG_HASH_ANNOTATION]: configHash(read) } } } as RoleSpec;
}

/** The stack ConfigMaps a role reads (envFrom and volumes), in the stack's order, so the hash does not depend on the role's. */
export function configMapsReadBy(role: RoleSpec, configMaps: ConfigMapIndex): ConfigMapSpec[] {
  const props = role.props as { envFromConfigMaps?: readonly string[]; volumes?: readonly VolumeSpec[] };
  const names = new Set([...(props.envFromConfigMaps ?? []), ...(props.volumes ?? []).flatMap((v) => ('configMap' in v ? [v.configMap.name] : []))]);
  return [...names].flatMap((name) => configMaps.positions.get(name) ?? []).sort((a, b) => a - b).map((position) => configMaps.specs[position] as ConfigMapSpec);
}

/**
 * The value of {@link CONFIG_HASH_ANNOTATION} for the ConfigMaps a pod reads: a SHA-256 of their names and contents.
 * Exported so code that builds the ConfigMaps itself (a project `webstack init` wrote) keeps the hash current.
 */
export function configHash(configMaps: readonly ConfigMapSpec[]): string {
  const canonical = configMaps.map(({ name, data, binaryData }) => ({ name, data, binaryData }));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The stack's ConfigMaps with the position of each name: a role looks up the few it reads. */
export class ConfigMapIndex {
  public readonly positions: ReadonlyMap<string, number>;

  constructor(public readonly specs: readonly ConfigMapSpec[]) {
    this.positions = new Map(specs.map((spec, position) => [spec.name, position]));
  }
}
