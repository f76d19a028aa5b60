import type { IConstruct } from 'constructs';
import { POD } from '../defaults';
import type * as k8s from '../../imports/k8s';
import { misuse } from './misuse';

/** Numeric identity of a pod's processes and volumes. */
export interface PodIdentity {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly fsGroup: number;
  readonly supplementalGroups?: readonly number[];
}

/** Restricted forbids uid 0, and kube-linter's run-as-non-root also rejects the root group. */
export function validateIdentity(scope: IConstruct, identity: PodIdentity): PodIdentity {
  const ids: Record<string, number> = { runAsUser: identity.runAsUser, runAsGroup: identity.runAsGroup, fsGroup: identity.fsGroup };
  for (const [field, id] of Object.entries(ids)) {
    if (!Number.isInteger(id) || id <= 0) {
      throw misuse(scope, 'root-identity', `${field} must be a non-zero positive integer (Pod Security restricted forbids root)`, id, 'use the non-root uid/gid of the image (e.g. 999 for postgres, 101 for nginx-unprivileged) or a non-root image variant');
    }
  }
  return identity;
}

/** Pod-level context: the parts cdk8s-plus-28 cannot express (seccomp, supplementalGroups, sysctls) included. */
export function podSecurityContext(identity: PodIdentity, sysctls: Readonly<Record<string, string>> = {}): k8s.PodSecurityContext {
  const entries = Object.entries(sysctls).map(([name, value]) => ({ name, value }));
  return {
    runAsNonRoot: true,
    runAsUser: identity.runAsUser,
    runAsGroup: identity.runAsGroup,
    fsGroup: identity.fsGroup,
    // Skips the recursive chown of large volumes on every start once ownership is right.
    fsGroupChangePolicy: 'OnRootMismatch',
    supplementalGroups: identity.supplementalGroups?.length ? [...identity.supplementalGroups] : undefined,
    seccompProfile: { type: POD.seccompProfile },
    sysctls: entries.length ? entries : undefined,
  };
}

/** Container-level context satisfying Pod Security restricted on its own, field by field. */
export function containerSecurityContext(identity: PodIdentity): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: identity.runAsUser,
    runAsGroup: identity.runAsGroup,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: POD.seccompProfile },
  };
}
