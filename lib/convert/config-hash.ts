import { createHash } from 'crypto';
import type { VolumeSpec } from '../kube/volumes';
import type { ConfigMapSpec, RoleSpec } from './spec';

/** Pod-template annotation whose change rolls the pods when a ConfigMap they read changes (as the proxy role does). */
export const CONFIG_HASH_ANNOTATION = 'cdk8s-webstack/config-sha256';

/**
 * Adds a hash of every stack ConfigMap a role reads (envFrom and volumes) to its pod template, so `kubectl apply`
 * of changed config restarts the pods that use it; Kubernetes itself never restarts them.
 */
export function withConfigHash(role: RoleSpec, configMaps: readonly ConfigMapSpec[]): RoleSpec {
  const props = role.props as { envFromConfigMaps?: readonly string[]; volumes?: readonly VolumeSpec[]; podAnnotations?: Readonly<Record<string, string>> };
  const names = new Set([...(props.envFromConfigMaps ?? []), ...(props.volumes ?? []).flatMap((v) => ('configMap' in v ? [v.configMap.name] : []))]);
  const read = configMaps.filter((c) => names.has(c.name));
  if (read.length === 0) return role;
  const hash = createHash('sha256').update(JSON.stringify(read)).digest('hex');
  return { ...role, props: { ...role.props, podAnnotations: { ...props.podAnnotations, [CONFIG_HASH_ANNOTATION]: hash } } } as RoleSpec;
}
