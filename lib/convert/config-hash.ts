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
  const props = role.props as { envFromConfigMaps?: readonly string[]; volumes?: readonly VolumeSpec[]; podAnnotations?: Readonly<Record<string, string>> };
  const names = new Set([...(props.envFromConfigMaps ?? []), ...(props.volumes ?? []).flatMap((v) => ('configMap' in v ? [v.configMap.name] : []))]);
  // In the stack's order of ConfigMaps, so the hash does not depend on the order the role names them in.
  const read = [...names].flatMap((name) => configMaps.positions.get(name) ?? []).sort((a, b) => a - b).map((position) => configMaps.specs[position]);
  if (read.length === 0) return role;
  const hash = createHash('sha256').update(JSON.stringify(read)).digest('hex');
  return { ...role, props: { ...role.props, podAnnotations: { ...props.podAnnotations, [CONFIG_HASH_ANNOTATION]: hash } } } as RoleSpec;
}

/** The stack's ConfigMaps with the position of each name: a role looks up the few it reads. */
export class ConfigMapIndex {
  public readonly positions: ReadonlyMap<string, number>;

  constructor(public readonly specs: readonly ConfigMapSpec[]) {
    this.positions = new Map(specs.map((spec, position) => [spec.name, position]));
  }
}
