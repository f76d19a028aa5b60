import * as k8s from '../../imports/k8s';

/**
 * NetworkPolicy specs as plain data (L1 `NetworkPolicySpec`), so the stack decides which objects exist and these
 * functions only decide what each one says. Ports are always explicit: cdk8s-plus's `allTcp()` renders
 * `port: 0`, which the API server rejects.
 */

/** Where cluster DNS runs; the namespace and pod labels go in one peer, so only those pods are allowed. */
export interface DnsPeer {
  /** Namespace of the DNS pods, matched by its `kubernetes.io/metadata.name` label. */
  readonly namespace: string;
  /** Labels of the DNS pods. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly port: number;
  /**
   * Address of a NodeLocal DNSCache (e.g. `169.254.20.10`), which pods query instead of the kube-dns pods.
   * @default - none (pods query kube-dns directly)
   */
  readonly nodeLocalAddress?: string;
}

/** Selects every pod in the namespace and allows nothing: all traffic must be allowed by another policy. */
export function defaultDenySpec(): k8s.NetworkPolicySpec {
  return { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
}

/** Lets every pod in the namespace resolve names: egress to the DNS pods on UDP and TCP (large answers use TCP). */
export function dnsEgressSpec(dns: DnsPeer): k8s.NetworkPolicySpec {
  return {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dns.namespace } },
            podSelector: { matchLabels: { ...dns.podLabels } },
          },
          ...(dns.nodeLocalAddress ? [{ ipBlock: { cidr: `${dns.nodeLocalAddress}/32` } }] : []),
        ],
        ports: [
          { protocol: 'UDP', port: k8s.IntOrString.fromNumber(dns.port) },
          { protocol: 'TCP', port: k8s.IntOrString.fromNumber(dns.port) },
        ],
      },
    ],
  };
}

/** A port a rule allows (structurally a `RolePort`). */
export interface AllowedPort {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** One allow rule: the peers on the other side and the ports on the receiving side. */
export interface AllowRule {
  /** Peers the rule admits; empty means any source or destination. */
  readonly peers: readonly k8s.NetworkPolicyPeer[];
  readonly ports: readonly AllowedPort[];
}

/** A peer selecting pods by label in the policy's own namespace. */
export function podsWithLabels(labels: Readonly<Record<string, string>>): k8s.NetworkPolicyPeer {
  return { podSelector: { matchLabels: { ...labels } } };
}

function policyPorts(ports: readonly AllowedPort[]): k8s.NetworkPolicyPort[] {
  return ports.map((p) => ({ protocol: p.protocol ?? 'TCP', port: k8s.IntOrString.fromNumber(p.port) }));
}

function peersField(peers: readonly k8s.NetworkPolicyPeer[]): k8s.NetworkPolicyPeer[] | undefined {
  return peers.length > 0 ? [...peers] : undefined;
}

/**
 * A policy isolating the pods with `podLabels` in both directions, then allowing exactly the given rules. Both
 * directions are always in `policyTypes`, so the policy isolates its pods even if the namespace-wide default
 * deny is removed.
 */
export function isolatedPolicySpec(
  podLabels: Readonly<Record<string, string>>,
  ingress: readonly AllowRule[],
  egress: readonly AllowRule[],
): k8s.NetworkPolicySpec {
  return {
    podSelector: { matchLabels: { ...podLabels } },
    policyTypes: ['Ingress', 'Egress'],
    ...(ingress.length > 0 ? { ingress: ingress.map((r) => ({ from: peersField(r.peers), ports: policyPorts(r.ports) })) } : {}),
    ...(egress.length > 0 ? { egress: egress.map((r) => ({ to: peersField(r.peers), ports: policyPorts(r.ports) })) } : {}),
  };
}
