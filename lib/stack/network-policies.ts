import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { STACK_OBJECT_NAMES } from '../defaults';
import { AllowRule, defaultDenySpec, DnsPeer, dnsEgressSpec, isolatedPolicySpec, podsWithLabels } from '../kube/network-policy';
import type { IStackRole } from '../services/role';
import type { Edge, TrafficGraph } from './edges';

export interface StackNetworkPoliciesProps {
  /** Cluster DNS, the one egress every pod gets. */
  readonly dns: DnsPeer;
  /** Peers allowed to reach exposed roles; empty means any source. */
  readonly externalSources: readonly k8s.NetworkPolicyPeer[];
  /** The stack's traffic graph, read at synth time (roles are added after the stack is constructed). */
  readonly graph: () => TrafficGraph;
}

/** A graph's edges grouped by their two ends, so each role's policy reads its own edges without scanning all. */
interface EdgeIndex {
  readonly into: ReadonlyMap<IStackRole, readonly Edge[]>;
  readonly outOf: ReadonlyMap<IStackRole, readonly Edge[]>;
}

/** Groups `edges` by target and by source, keeping their order. */
function indexEdges(edges: readonly Edge[]): EdgeIndex {
  const into = new Map<IStackRole, Edge[]>();
  const outOf = new Map<IStackRole, Edge[]>();
  const add = (map: Map<IStackRole, Edge[]>, role: IStackRole, edge: Edge): void => {
    const list = map.get(role);
    if (list) list.push(edge);
    else map.set(role, [edge]);
  };
  for (const edge of edges) {
    add(into, edge.to, edge);
    if (edge.from !== 'external') add(outOf, edge.from, edge);
  }
  return { into, outOf };
}

function ingressRules(role: IStackRole, index: EdgeIndex, externalSources: readonly k8s.NetworkPolicyPeer[]): AllowRule[] {
  return (index.into.get(role) ?? []).map((e) => ({ peers: e.from === 'external' ? externalSources : [podsWithLabels(e.from.selectorLabels)], ports: e.ports }));
}

function egressRules(role: IStackRole, index: EdgeIndex): AllowRule[] {
  return (index.outOf.get(role) ?? []).map((e) => ({ peers: [podsWithLabels(e.to.selectorLabels)], ports: e.ports }));
}

/**
 * Default deny (ingress and egress) for every pod, DNS egress for every pod, and one policy per role named after
 * it with exactly the role's edges.
 */
export class StackNetworkPolicies extends Construct {
  public readonly defaultDeny: k8s.KubeNetworkPolicy;
  public readonly dnsEgress: k8s.KubeNetworkPolicy;
  private readonly rendered = new Set<IStackRole>();
  /** The graph of the rendering in progress (see {@link renderingWith}); otherwise each policy derives it. */
  private pinned?: EdgeIndex;

  constructor(scope: Construct, id: string, private readonly props: StackNetworkPoliciesProps) {
    super(scope, id);
    this.defaultDeny = new k8s.KubeNetworkPolicy(this, 'DefaultDeny', { metadata: { name: STACK_OBJECT_NAMES.defaultDeny }, spec: defaultDenySpec() });
    this.dnsEgress = new k8s.KubeNetworkPolicy(this, 'DnsEgress', { metadata: { name: STACK_OBJECT_NAMES.dnsEgress }, spec: dnsEgressSpec(props.dns) });
  }

  /**
   * Creates the policy of every role that has none yet. Idempotent; called when the stack renders. Each spec is
   * lazy, so edges added after an earlier render still reach every policy.
   */
  public renderRolePolicies(roles: readonly IStackRole[]): void {
    for (const role of roles) {
      if (this.rendered.has(role)) continue;
      const spec = Lazy.any({
        produce: () => {
          const index = this.pinned ?? indexEdges(this.props.graph().edges);
          return k8s.toJson_NetworkPolicySpec(isolatedPolicySpec(role.selectorLabels, ingressRules(role, index, this.props.externalSources), egressRules(role, index)));
        },
      });
      // The plain ApiObject, not KubeNetworkPolicy: the L1 class maps its props eagerly and cannot carry a Lazy.
      const labels = { 'app.kubernetes.io/name': role.name, 'app.kubernetes.io/component': role.component };
      new ApiObject(this, `Role-${role.name}`, { ...k8s.KubeNetworkPolicy.GVK, metadata: { name: role.name, labels }, spec });
      this.rendered.add(role);
    }
  }

  /**
   * Runs `render` (the chart's rendering) with `graph` as the graph of every role policy. Deriving the graph walks
   * the whole construct tree, so deriving it once per policy made rendering cubic in the number of roles
   * (issue 5); nothing adds roles or dependencies while a chart renders, so one graph serves every policy.
   */
  public renderingWith<T>(graph: TrafficGraph, render: () => T): T {
    // Re-entrant: the policy check renders inside the chart's rendering and must hand the outer graph back.
    const outer = this.pinned;
    this.pinned = indexEdges(graph.edges);
    try {
      return render();
    } finally {
      this.pinned = outer;
    }
  }
}
