import type { Construct } from 'constructs';
import { ROLLING_UPDATE } from '../defaults';
import * as k8s from '../../imports/k8s';
import { misuse } from '../kube/misuse';
import type { RoleProfile } from './role-profile';
import { Workload } from './workload';
import type { AutoscalingOptions, ScalingOptions, WorkloadOptions } from './workload-options';

/** The role's HPA defaults; `memoryUtilization` is absent for roles that scale on cpu only. */
export interface AutoscalingDefaults {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly memoryUtilization?: number;
}

/** Deployment-specific parts of a role profile. */
export interface DeploymentProfile extends RoleProfile {
  readonly autoscaling: AutoscalingDefaults;
  /** `Recreate` for singletons that must never run twice (celery beat). @default RollingUpdate */
  readonly strategy?: 'RollingUpdate' | 'Recreate';
}

interface ResolvedScaling {
  readonly replicas?: number;
  readonly hpa?: Required<AutoscalingOptions>;
}

/**
 * A Deployment with an autoscaling/v2 HPA (which then owns `replicas`) and a PDB. The base of WebService, Worker
 * and Proxy.
 */
export abstract class DeploymentWorkload extends Workload {
  public readonly deployment: k8s.KubeDeployment;
  /** Undefined when the replica count is fixed. */
  public readonly hpa?: k8s.KubeHorizontalPodAutoscalerV2;
  public readonly pdb: k8s.KubePodDisruptionBudget;

  protected constructor(scope: Construct, id: string, options: WorkloadOptions & ScalingOptions, profile: DeploymentProfile) {
    super(scope, id, options, profile);
    const scaling = this.resolveScaling(options, profile.autoscaling);
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: this.controllerMetadata(),
      spec: {
        replicas: scaling.replicas,
        selector: this.labelSelector(),
        strategy: profile.strategy === 'Recreate' ? { type: 'Recreate' } : {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxSurge: intOrString(options.maxSurge ?? ROLLING_UPDATE.maxSurge),
            maxUnavailable: intOrString(options.maxUnavailable ?? ROLLING_UPDATE.maxUnavailable),
          },
        },
        template: this.podTemplate,
      },
    });
    this.hpa = scaling.hpa ? this.addAutoscaler(scaling.hpa) : undefined;
    this.pdb = this.addDisruptionBudget();
  }

  private resolveScaling(options: ScalingOptions & WorkloadOptions, defaults: AutoscalingDefaults): ResolvedScaling {
    if (options.replicas !== undefined && options.autoscaling) {
      throw misuse(this, 'replicas-with-autoscaling', 'replicas and autoscaling are both set; with an HPA the HPA owns the replica count', { replicas: options.replicas, autoscaling: options.autoscaling }, 'drop replicas, or set autoscaling: false');
    }
    if (options.replicas !== undefined && (!Number.isInteger(options.replicas) || options.replicas < 1)) {
      throw misuse(this, 'invalid-replicas', 'replicas must be a positive integer', options.replicas, 'set replicas to 1 or more (scale to zero with kubectl, not in the manifest)');
    }
    const fixed = options.replicas !== undefined || options.autoscaling === false;
    const hpa = fixed ? undefined : {
      minReplicas: options.autoscaling?.minReplicas ?? defaults.minReplicas,
      maxReplicas: options.autoscaling?.maxReplicas ?? defaults.maxReplicas,
      cpuUtilization: options.autoscaling?.cpuUtilization ?? defaults.cpuUtilization,
      memoryUtilization: options.autoscaling?.memoryUtilization ?? defaults.memoryUtilization ?? false,
    };
    if (hpa) {
      if (!Number.isInteger(hpa.minReplicas) || hpa.minReplicas < 1) {
        throw misuse(this, 'invalid-min-replicas', 'autoscaling.minReplicas must be a positive integer', hpa.minReplicas, 'set minReplicas to 1 or more');
      }
      if (hpa.minReplicas > hpa.maxReplicas) {
        throw misuse(this, 'min-above-max', 'autoscaling.minReplicas is greater than autoscaling.maxReplicas', { minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas }, `raise maxReplicas to at least ${hpa.minReplicas} or lower minReplicas`);
      }
      if (hpa.cpuUtilization === false && hpa.memoryUtilization === false) {
        throw misuse(this, 'autoscaling-without-metric', 'autoscaling has no metric left', { cpuUtilization: false, memoryUtilization: false }, 'keep cpuUtilization or memoryUtilization, or set autoscaling: false');
      }
    }
    const replicas = fixed ? options.replicas ?? defaults.minReplicas : undefined;
    const claim = options.volumes?.find((v) => 'persistentVolumeClaim' in v);
    const most = hpa?.maxReplicas ?? replicas ?? 1;
    if (claim && most > 1) {
      throw misuse(this, 'rwo-claim-with-replicas', `volume "${claim.name}" is a ReadWriteOnce claim, which only one pod can mount, but the role may run ${most} replicas`, most, 'set replicas: 1 (and autoscaling: false), or use a stateful role with volumeClaimTemplate');
    }
    return { replicas, hpa };
  }

  private addAutoscaler(hpa: Required<AutoscalingOptions>): k8s.KubeHorizontalPodAutoscalerV2 {
    const metrics: k8s.MetricSpecV2[] = [];
    if (hpa.cpuUtilization !== false) metrics.push(utilization('cpu', hpa.cpuUtilization));
    if (hpa.memoryUtilization !== false) metrics.push(utilization('memory', hpa.memoryUtilization));
    return new k8s.KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
      metadata: this.metadata(),
      spec: {
        scaleTargetRef: { apiVersion: k8s.KubeDeployment.GVK.apiVersion, kind: k8s.KubeDeployment.GVK.kind, name: this.name },
        minReplicas: hpa.minReplicas,
        maxReplicas: hpa.maxReplicas,
        metrics,
      },
    });
  }
}

function utilization(resource: 'cpu' | 'memory', averageUtilization: number): k8s.MetricSpecV2 {
  return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization } } };
}

function intOrString(value: number | string): k8s.IntOrString {
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}
