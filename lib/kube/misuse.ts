import type { IConstruct } from 'constructs';

/**
 * The error for API misuse, thrown while the construct tree is built. The message names the construct path, what
 * is wrong, the offending value and the fix, so a user who overrides a default is told exactly what to change.
 */
export function misuse(scope: IConstruct | string, problem: string, value: unknown, fix: string): Error {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  return new Error(`[${path}] ${problem} (got ${JSON.stringify(value)}). Fix: ${fix}`);
}

/** Path a construct will have, for checks that must run before `super()` creates it. */
export function futurePath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}
