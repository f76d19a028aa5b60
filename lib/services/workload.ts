import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { PDB } from '../defaults';
import { selectorLabels, standardLabels } from '../kube/labels';
import { lintAcknowledgements } from '../kube/lint-acknowledgements';
import { validateName } from '../kube/names';
import { buildPodTemplate } from './pod-template';
import { roleRegistryOf, type IStackRole, type RolePort } from './role';
import type { RoleProfile } from './role-profile';
import type { WorkloadOptions } from './workload-options';

/**
 * The base of every role: a stable identity (name, labels, selector), a dedicated ServiceAccount without a token,
 * and the hardened pod template. Subclasses add the controller (Deployment, StatefulSet, Job) and its companions.
 */
export abstract class Workload extends Construct implements IStackRole {
  public readonly name: string;
  public readonly component: string;
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** Labels on every object and pod of the role. */
  public readonly labels: Readonly<Record<string, string>>;
  public readonly ports: readonly RolePort[];
  public get dependencies(): readonly IStackRole[] {
    return this.dependencyList;
  }
  public readonly exposed: boolean;
  /** The role's own ServiceAccount (`automountServiceAccountToken: false`). */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The rendered pod template; mutate through the controller's escape hatch, not here. */
  protected readonly podTemplate: k8s.PodTemplateSpec;
  /** StatefulSet volumeClaimTemplates derived from `volumeClaimTemplate` volumes. */
  protected readonly claimTemplates: k8s.KubePersistentVolumeClaimProps[];
  private readonly dependencyList: IStackRole[];

  /**
   * Adds roles this one connects to after construction, for dependencies that cannot be passed as `dependsOn`
   * because each role needs the other (two services that call each other): the edges are derived at synthesis.
   */
  public addDependency(...roles: IStackRole[]): void {
    this.dependencyList.push(...roles);
  }

  protected constructor(scope: Construct, id: string, options: WorkloadOptions, profile: RoleProfile) {
    super(scope, id);
    this.name = validateName(this, options.name ?? id);
    this.component = profile.component;
    const instance = options.instance ?? Chart.of(this).node.id;
    const identity = { name: this.name, instance, component: profile.component, partOf: options.partOf ?? instance };
    this.selectorLabels = selectorLabels(identity);
    // Standard labels last, so extra labels can never change the selector.
    this.labels = { ...options.labels, ...standardLabels(identity) };
    this.dependencyList = [...(options.dependsOn ?? [])];
    this.exposed = profile.exposed;

    const pod = buildPodTemplate(this, { name: this.name, labels: this.labels, selectorLabels: this.selectorLabels }, options, profile);
    this.podTemplate = pod.template;
    this.claimTemplates = pod.claimTemplates;
    this.ports = pod.ports;

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: this.metadata(),
      automountServiceAccountToken: false,
    });
    // In a WebStack the role's NetworkPolicy exists from here on (its rules follow the graph at synth).
    roleRegistryOf(Chart.of(this))?.registerRole(this);
  }

  /** Metadata shared by every object of the role: the role name, verbatim, and the standard labels. */
  protected metadata(): k8s.ObjectMeta {
    return { name: this.name, labels: { ...this.labels } };
  }

  /**
   * Metadata of the object that carries the pod template (Deployment, StatefulSet, Job): the role's metadata plus
   * the linter acknowledgements its pod needs (lib/kube/lint-acknowledgements.ts), where linters look for them.
   */
  protected controllerMetadata(): k8s.ObjectMeta {
    const annotations = lintAcknowledgements(this.podTemplate.spec ?? { containers: [] });
    return { ...this.metadata(), annotations: Object.keys(annotations).length ? annotations : undefined };
  }

  /** The selector every controller, Service and PDB of the role uses. */
  protected labelSelector(): k8s.LabelSelector {
    return { matchLabels: { ...this.selectorLabels } };
  }

  /**
   * The role's Service, named like the role so peers reach it as `http://<name>:<port>`. Ports target the
   * container port by name; `servicePort` maps a different Service port (the proxy's 80 -> 8080).
   */
  /**
   * The role's Service, named like it, on every container port. `servicePort` replaces the first port's number,
   * `servicePorts` any port's by name (a proxy's published ports).
   */
  protected addService(options: { readonly type?: 'ClusterIP' | 'LoadBalancer'; readonly headless?: boolean; readonly servicePort?: number; readonly servicePorts?: Readonly<Record<string, number>> } = {}): k8s.KubeService {
    return new k8s.KubeService(this, 'Service', {
      metadata: this.metadata(),
      spec: {
        type: options.type ?? 'ClusterIP',
        clusterIp: options.headless ? 'None' : undefined,
        selector: { ...this.selectorLabels },
        ports: this.ports.map((p, i) => ({
          name: p.name,
          port: options.servicePorts?.[p.name] ?? (i === 0 ? options.servicePort : undefined) ?? p.port,
          targetPort: k8s.IntOrString.fromString(p.name),
          protocol: p.protocol ?? 'TCP',
        })),
      },
    });
  }

  /** A PDB that never blocks a drain (`maxUnavailable: 1`) and lets unhealthy pods be evicted. */
  protected addDisruptionBudget(): k8s.KubePodDisruptionBudget {
    return new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: this.metadata(),
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(PDB.maxUnavailable),
        unhealthyPodEvictionPolicy: PDB.unhealthyPodEvictionPolicy,
        selector: this.labelSelector(),
      },
    });
  }
}
