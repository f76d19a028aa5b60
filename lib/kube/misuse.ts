import type { IConstruct } from 'constructs';

/**
 * The error for API misuse, thrown while the construct tree is built. The message names the construct path, what
 * is wrong, the offending value and the fix, so a user who overrides a default is told exactly what to change.
 */
export function misuse(scope: IConstruct, problem: string, value: unknown, fix: string): Error {
  return new Error(`[${scope.node.path}] ${problem} (got ${JSON.stringify(value)}). Fix: ${fix}`);
}
