import type { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import type { RoleProfile } from './role-profile';
import { Workload } from './workload';
import type { WorkloadOptions } from './workload-options';

/**
 * One StatefulSet pod with its own volume claim (from `volumeClaimTemplates`, which cdk8s-plus-28 cannot
 * express), a headless Service that gives it a stable DNS name, and a PDB. The base of Postgres and Redis; one
 * replica, since neither role sets up replication.
 */
export abstract class StatefulWorkload extends Workload {
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** Headless Service (`clusterIP: None`) named like the role; also the StatefulSet's `serviceName`. */
  public readonly service: k8s.KubeService;
  public readonly pdb: k8s.KubePodDisruptionBudget;

  protected constructor(scope: Construct, id: string, options: WorkloadOptions, profile: RoleProfile) {
    super(scope, id, options, profile);
    this.service = this.addService({ headless: true });
    this.statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: this.controllerMetadata(),
      spec: {
        replicas: 1,
        serviceName: this.name,
        selector: this.labelSelector(),
        updateStrategy: { type: 'RollingUpdate' },
        // Deleting or scaling the StatefulSet must never delete the data.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: this.podTemplate,
        volumeClaimTemplates: this.claimTemplates.length ? this.claimTemplates : undefined,
      },
    });
    this.pdb = this.addDisruptionBudget();
  }
}
