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

function ingressRules(role: IStackRole, edges: readonly Edge[], externalSources: readonly k8s.NetworkPolicyPeer[]): AllowRule[] {
  return edges
    .filter((e) => e.to === role)
    .map((e) => ({ peers: e.from === 'external' ? externalSources : [podsWithLabels(e.from.selectorLabels)], ports: e.ports }));
}

function egressRules(role: IStackRole, edges: readonly Edge[]): AllowRule[] {
  return edges.filter((e) => e.from === role).map((e) => ({ peers: [podsWithLabels(e.to.selectorLabels)], ports: e.ports }));
}

/**
 * Default deny (ingress and egress) for every pod, DNS egress for every pod, and one policy per role named after
 * it with exactly the role's edges.
 */
export class StackNetworkPolicies extends Construct {
  public readonly defaultDeny: k8s.KubeNetworkPolicy;
  public readonly dnsEgress: k8s.KubeNetworkPolicy;
  private readonly rendered = new Set<IStackRole>();

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
          const { edges } = this.props.graph();
          return k8s.toJson_NetworkPolicySpec(isolatedPolicySpec(role.selectorLabels, ingressRules(role, edges, this.props.externalSources), egressRules(role, edges)));
        },
      });
      // The plain ApiObject, not KubeNetworkPolicy: the L1 class maps its props eagerly and cannot carry a Lazy.
      const labels = { 'app.kubernetes.io/name': role.name, 'app.kubernetes.io/component': role.component };
      new ApiObject(this, `Role-${role.name}`, { ...k8s.KubeNetworkPolicy.GVK, metadata: { name: role.name, labels }, spec });
      this.rendered.add(role);
    }
  }
}
