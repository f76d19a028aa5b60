import type { IConstruct } from 'constructs';

/** Stable identifiers of API misuse; tests assert these, never the wording. */
export type MisuseCode =
  | 'invalid-name' | 'image-missing' | 'image-invalid' | 'image-untagged' | 'image-latest' | 'root-identity'
  | 'resource-not-quantity' | 'request-above-limit' | 'probe-empty-command' | 'probe-without-port'
  | 'duplicate-volume' | 'claim-template-without-statefulset' | 'rwo-claim-with-replicas'
  | 'privileged-port' | 'invalid-port-name' | 'prestop-exceeds-grace'
  | 'replicas-with-autoscaling' | 'invalid-replicas' | 'invalid-min-replicas' | 'min-above-max' | 'autoscaling-without-metric'
  | 'web-service-without-port' | 'worker-with-ports' | 'invalid-celery-app' | 'invalid-backoff-limit'
  | 'proxy-target-without-port' | 'invalid-api-prefix' | 'data-service-without-port' | 'edge-proxy-without-port'
  // the stack (lib/stack*)
  | 'celery-without-broker' | 'beat-without-worker' | 'invalid-pod-security-version';

/**
 * Thrown while the construct tree is built when props are misused. The message names the construct path, what
 * is wrong, the offending value and the fix, so a user who overrides a default is told exactly what to change.
 */
export class MisuseError extends Error {
  public constructor(
    public readonly code: MisuseCode,
    /** Construct path of the role. */
    public readonly path: string,
    public readonly value: unknown,
    public readonly fix: string,
    problem: string,
  ) {
    super(`[${path}] ${problem} (got ${JSON.stringify(value)}). Fix: ${fix}`);
    this.name = 'MisuseError';
  }
}

export function misuse(scope: IConstruct | string, code: MisuseCode, problem: string, value: unknown, fix: string): MisuseError {
  return new MisuseError(code, typeof scope === 'string' ? scope : scope.node.path, value, fix, problem);
}

/** Path a construct will have, for checks that must run before `super()` creates it. */
export function futurePath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}
