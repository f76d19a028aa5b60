import type { ResourceDefaults } from '../defaults';
import type { EnvValue } from '../kube/env';
import type { ProbeSpec, ProbeTimings } from '../kube/probes';
import type { PodIdentity } from '../kube/security';
import type { VolumeSpec, WritablePath } from '../kube/volumes';
import type { RolePort } from './role';

/** Timings of the three probes of a role. */
export interface ProbeTimingSet {
  readonly liveness: Required<ProbeTimings>;
  readonly readiness: Required<ProbeTimings>;
  readonly startup: Required<ProbeTimings>;
}

/**
 * What a role contributes on top of the user's WorkloadOptions: its image family, defaults from lib/defaults.ts
 * and role-specific container settings. User options always win over the profile.
 */
export interface RoleProfile {
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** Image when the user names none; undefined makes `image` required. */
  readonly image?: string;
  readonly identity: PodIdentity;
  readonly resources: ResourceDefaults;
  readonly writablePaths: readonly WritablePath[];
  readonly ports: readonly RolePort[];
  readonly probes: { readonly liveness?: ProbeSpec; readonly readiness?: ProbeSpec; readonly startup?: ProbeSpec };
  readonly timings: ProbeTimingSet;
  readonly shutdown: { readonly terminationGracePeriodSeconds: number; readonly preStopSleepSeconds: number };
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Role env; user env with the same name replaces an entry. */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Role volumes (data claims, config files), mounted before the user's. */
  readonly volumes?: readonly VolumeSpec[];
  /** Only StatefulSets have volumeClaimTemplates. */
  readonly allowClaimTemplates: boolean;
  /** Jobs need `Never` or `OnFailure`; controllers keep Kubernetes' `Always`. */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  /** True only for the proxy. */
  readonly exposed: boolean;
}
