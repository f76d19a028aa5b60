import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as k8s from '../imports/k8s';
import { CLUSTER_DNS, POD, STACK_OBJECT_NAMES } from './defaults';
import type { DnsPeer } from './kube/network-policy';
import { PodPolicyValidation } from './policy/synth-check';
import { isStackRole, IRoleRegistry, IStackRole } from './services/role';
import { TrafficGraph, trafficGraph } from './stack/edges';
import { LimitRangeOverrides, NamespaceGuardrails } from './stack/namespace';
import { StackNetworkPolicies } from './stack/network-policies';

export interface WebStackProps {
  /**
   * Namespace the stack creates and puts every object in. Roles created with the stack as scope inherit it.
   * @default - the construct id
   */
  readonly namespace?: string;
  /** Pod Security Standards policy version pinned on enforce, warn and audit. @default POD_SECURITY.version ('v1.28') */
  readonly podSecurityVersion?: string;
  /** Per-key overrides of the ResourceQuota's `hard` limits (`limits.cpu`, `pods`, ...). @default RESOURCE_QUOTA */
  readonly resourceQuota?: Readonly<Record<string, string>>;
  /** Per-key overrides of the LimitRange's container defaults and ceiling. @default LIMIT_RANGE */
  readonly limitRange?: LimitRangeOverrides;
  /**
   * Who may reach the exposed role (the proxy), e.g. the ingress controller's namespace. The rule always names the
   * exposed role's ports.
   * @default - any source, as a LoadBalancer Service needs (client addresses are not preserved by every provider)
   */
  readonly externalSources?: readonly k8s.NetworkPolicyPeer[];
  /** Where cluster DNS runs (the only egress every pod gets). @default CLUSTER_DNS (kube-system, k8s-app=kube-dns, port 53) */
  readonly dns?: DnsPeer;
  /** Extra labels on every object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * One web stack in one namespace: the Namespace (Pod Security restricted, pinned), ResourceQuota, LimitRange,
 * default-deny NetworkPolicies with DNS egress, and one NetworkPolicy per role with exactly the edges the roles
 * declare. Create roles (`Backend`, `Postgres`, ...) with the stack as their scope; the stack finds them when it
 * renders. Every pod is checked against Pod Security restricted and production hygiene at synth, so an override
 * that breaks a default fails synth with a report naming the object, the field and the fix.
 *
 * @example
 *   const stack = new WebStack(app, 'shop');
 *   const db = new Postgres(stack, 'postgres', { credentialsSecret: 'shop-db' });
 *   new Backend(stack, 'backend', { image: 'ghcr.io/acme/api:1.4.2', dependsOn: [db] });
 */
export class WebStack extends Chart implements IRoleRegistry {
  /** Name of the namespace every object lives in. */
  public readonly namespaceName: string;
  /** Namespace, ResourceQuota and LimitRange. */
  public readonly guardrails: NamespaceGuardrails;
  /** Default deny, DNS egress and (after rendering) one policy per role. */
  public readonly networkPolicies: StackNetworkPolicies;
  /** Pod Security restricted and hygiene on every workload, at synth. */
  private readonly podPolicy: PodPolicyValidation;

  constructor(scope: Construct, id: string, props: WebStackProps = {}) {
    const namespace = props.namespace ?? id;
    super(scope, id, {
      namespace,
      disableResourceNameHashes: true,
      labels: { ...props.labels, 'app.kubernetes.io/part-of': id, 'app.kubernetes.io/managed-by': POD.managedBy },
    });
    this.namespaceName = namespace;
    this.guardrails = new NamespaceGuardrails(this, 'Guardrails', {
      name: namespace,
      podSecurityVersion: props.podSecurityVersion,
      resourceQuota: props.resourceQuota,
      limitRange: props.limitRange,
    });
    this.networkPolicies = new StackNetworkPolicies(this, 'NetworkPolicies', {
      dns: props.dns ?? CLUSTER_DNS,
      externalSources: props.externalSources ?? [],
      graph: () => this.trafficGraph,
    });
    // Roles register at construction (registerRole); this catches roles of other classes and reports graph problems.
    this.node.addValidation({ validate: () => this.renderRolePolicies() });
    // The policy check renders every object, role policies included: give them one graph, as toJson() does.
    this.podPolicy = new PodPolicyValidation(this);
    this.node.addValidation({ validate: () => this.networkPolicies.renderingWith(this.trafficGraph, () => this.podPolicy.validate()) });
  }

  /** Creates the NetworkPolicy of a role constructed in this stack (called by the role itself). */
  public registerRole(role: IStackRole): void {
    this.networkPolicies.renderRolePolicies([role]);
  }

  /** Every role in the stack, in construct-tree order. */
  public get roles(): IStackRole[] {
    return this.node.findAll().filter((c): c is IConstruct & IStackRole => isStackRole(c));
  }

  /** The edges the roles declare, and anything that makes them impossible to render. */
  public get trafficGraph(): TrafficGraph {
    return trafficGraph(this.roles, [STACK_OBJECT_NAMES.defaultDeny, STACK_OBJECT_NAMES.dnsEgress]);
  }

  /** Renders the role policies, then the manifests (the path of `Testing.synth` and `app.synthYaml()`). */
  public override toJson(): any[] {
    this.renderRolePolicies();
    // A chart nested in the stack renders separately: then the validation keeps checking its objects too.
    const render = () => super.toJson();
    const nestsCharts = this.node.findAll().some((c) => c !== this && c instanceof Chart);
    return this.networkPolicies.renderingWith(this.trafficGraph, () => (nestsCharts ? render() : this.podPolicy.checkRendered(render)));
  }

  /**
   * Creates the policies of roles that did not register (an IStackRole of another class), unless the graph has
   * problems, and returns those problems. Runs at synth: from the stack's validation, the first hook every cdk8s
   * output path calls (some, like FOLDER_PER_CHART_FILE_PER_RESOURCE, never call `toJson()`), and from
   * `toJson()`. Idempotent.
   */
  private renderRolePolicies(): string[] {
    const graph = this.trafficGraph;
    if (graph.problems.length === 0) this.networkPolicies.renderRolePolicies(this.roles);
    return [...graph.problems];
  }
}
