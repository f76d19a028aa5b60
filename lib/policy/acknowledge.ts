import type { ApiObject } from 'cdk8s';
import type { PolicyCode, PolicyViolation } from './violation';

/**
 * Deliberate exceptions, in the style of kube-linter's `ignore-check.kube-linter.io/<check>` annotations: a
 * workload annotated `ignore-check.cdk8s-webstack/<code>: "<reason>"` is not reported for that hygiene check.
 * Pod Security checks cannot be acknowledged: the namespace enforces restricted, so such a pod would never run.
 */
export const ACKNOWLEDGE_PREFIX = 'ignore-check.cdk8s-webstack/';

/** Hygiene checks a workload may acknowledge with a reason (e.g. a portless process with no health command). */
export const ACKNOWLEDGEABLE: readonly PolicyCode[] = ['probe-missing', 'probes-identical'];

/** Records on the object why a check does not apply; the reason is kept in the manifest for reviewers. */
export function acknowledgeCheck(apiObject: ApiObject, code: PolicyCode, reason: string): void {
  if (!ACKNOWLEDGEABLE.includes(code)) {
    throw new Error(`${apiObject.node.path}: ${code} cannot be acknowledged; only ${ACKNOWLEDGEABLE.join(', ')} can. Fix the field instead`);
  }
  if (reason.trim() === '') throw new Error(`${apiObject.node.path}: acknowledging ${code} needs a reason`);
  apiObject.metadata.addAnnotation(`${ACKNOWLEDGE_PREFIX}${code}`, reason);
}

/** The violations that remain after the object's acknowledgements. */
export function withoutAcknowledged(violations: readonly PolicyViolation[], annotations: Readonly<Record<string, string>> = {}): PolicyViolation[] {
  return violations.filter((v) => !(ACKNOWLEDGEABLE.includes(v.code) && annotations[`${ACKNOWLEDGE_PREFIX}${v.code}`]?.trim()));
}
