import { MisuseError } from '../../lib/kube/misuse';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import type { IStackRole } from '../../lib/services/role';
import type { Manifest } from '../support/synth';

/** Workload name -> its pod labels, for every object that runs pods. */
export function podLabelsByWorkload(manifests: readonly Manifest[]): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const m of manifests) {
    const located = podTemplateOf(m);
    if (located) found.set(m.metadata.name, (located.template as Manifest).metadata?.labels ?? {});
  }
  return found;
}

/** Names of the workloads whose pods carry every label of `matchLabels` (all of them for `{}`). */
export function workloadsSelectedBy(manifests: readonly Manifest[], matchLabels: Record<string, string> = {}): string[] {
  return [...podLabelsByWorkload(manifests)]
    .filter(([, labels]) => Object.entries(matchLabels).every(([k, v]) => labels[k] === v))
    .map(([name]) => name);
}

function portsOf(rule: Manifest): string[] {
  return (rule.ports ?? []).map((p: Manifest) => `${p.port}/${p.protocol ?? 'TCP'}`);
}

/** A peer as `workload` names, `dns` for the kube-dns peer, `*` for "anywhere" (a rule without peers). */
function peerNames(manifests: readonly Manifest[], peers: Manifest[] | undefined): string[] {
  if (!peers) return ['*'];
  return peers.flatMap((peer: Manifest) => {
    if (peer.namespaceSelector) {
      const ns = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'];
      const app = peer.podSelector?.matchLabels?.['k8s-app'];
      return [`${ns}/${app}`];
    }
    return workloadsSelectedBy(manifests, peer.podSelector?.matchLabels);
  });
}

/**
 * What the rendered NetworkPolicies allow, as `from->to:port/proto` strings, one set per direction. A
 * connection between two pods of the stack needs both: egress on the sender and ingress on the receiver.
 */
export function renderedEdges(manifests: readonly Manifest[]): { ingress: string[]; egress: string[] } {
  const ingress = new Set<string>();
  const egress = new Set<string>();
  for (const policy of manifests.filter((m) => m.kind === 'NetworkPolicy')) {
    const selected = workloadsSelectedBy(manifests, policy.spec.podSelector.matchLabels);
    for (const rule of policy.spec.ingress ?? []) {
      for (const from of peerNames(manifests, rule.from)) {
        for (const to of selected) for (const port of portsOf(rule)) ingress.add(`${from}->${to}:${port}`);
      }
    }
    for (const rule of policy.spec.egress ?? []) {
      for (const to of peerNames(manifests, rule.to)) {
        for (const from of selected) for (const port of portsOf(rule)) egress.add(`${from}->${to}:${port}`);
      }
    }
  }
  return { ingress: [...ingress].sort(), egress: [...egress].sort() };
}

/** The edges the roles declare, in the same notation (`*` = from outside, for exposed roles). */
export function declaredEdges(roles: readonly IStackRole[]): { ingress: string[]; egress: string[] } {
  const port = (p: IStackRole['ports'][number]): string => `${p.port}/${p.protocol ?? 'TCP'}`;
  const internal = roles.flatMap((from) => from.dependencies.flatMap((to) => to.ports.map((p) => `${from.name}->${to.name}:${port(p)}`)));
  const external = roles.filter((r) => r.exposed).flatMap((to) => to.ports.map((p) => `*->${to.name}:${port(p)}`));
  return { ingress: [...internal, ...external].sort(), egress: [...internal].sort() };
}

/** DNS egress every workload must have: `workload->kube-system/kube-dns:53/UDP` and TCP. */
export function dnsEdges(workloads: readonly string[]): string[] {
  return workloads.flatMap((w) => [`${w}->kube-system/kube-dns:53/TCP`, `${w}->kube-system/kube-dns:53/UDP`]).sort();
}

const QUANTITY_SUFFIXES: Record<string, number> = {
  m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
};

/** A Kubernetes quantity (`500m`, `2`, `512Mi`) in base units; throws on anything else so tests cannot pass vacuously. */
export function parseQuantity(quantity: string | number): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(quantity));
  const factor = match ? QUANTITY_SUFFIXES[match[2] ?? ''] : undefined;
  if (!match || factor === undefined) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * factor;
}

/** The misuse code `build` throws, the message of any other error, or undefined when it does not throw. */
export function misuseCode(build: () => void): string | undefined {
  try {
    build();
  } catch (error) {
    return error instanceof MisuseError ? error.code : String(error);
  }
  return undefined;
}
