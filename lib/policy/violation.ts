import type { Diagnostic } from '../errors';

/**
 * Stable codes, one per Pod Security Standards check (named after pod-security-admission's `check_*.go`) plus
 * our hygiene rules. Tests assert these, never the wording.
 */
export type PolicyCode =
  // Pod Security Standards, baseline (v1.28)
  | 'pss-host-namespaces'
  | 'pss-privileged'
  | 'pss-capabilities-baseline'
  | 'pss-host-path-volumes'
  | 'pss-host-ports'
  | 'pss-app-armor-profile'
  | 'pss-se-linux-options'
  | 'pss-proc-mount'
  | 'pss-seccomp-profile-baseline'
  | 'pss-sysctls'
  | 'pss-windows-host-process'
  // Pod Security Standards, restricted (v1.28)
  | 'pss-restricted-volumes'
  | 'pss-allow-privilege-escalation'
  | 'pss-run-as-non-root'
  | 'pss-run-as-user'
  | 'pss-seccomp-profile-restricted'
  | 'pss-capabilities-restricted'
  // hygiene
  | 'resources-missing'
  | 'probe-missing'
  | 'probes-identical'
  | 'image-untagged'
  | 'image-latest';

/** One failed check: `path` is the field path in the manifest (`spec.template.spec.containers[0].image`). */
export interface PolicyViolation extends Diagnostic {
  readonly code: PolicyCode;
  readonly path: string;
  readonly fix: string;
}

export function violation(code: PolicyCode, path: string, message: string, fix: string, value?: unknown): PolicyViolation {
  return {
    code,
    severity: 'error',
    path,
    message,
    fix,
    ...(value === undefined ? {} : { value: typeof value === 'string' ? value : JSON.stringify(value) }),
  };
}
