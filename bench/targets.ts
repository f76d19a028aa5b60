/** The targets (issue 5, 2-core machine), checked against one benchmark run's results. */
import type { BenchCase, Tool } from './cases';
import type { Measurement } from './measure';

/** One case's outcome: its figures, or why it could not be measured. */
export interface CaseResult {
  readonly case: BenchCase;
  readonly measurement?: Measurement;
  readonly failure?: string;
}

export interface TargetCheck {
  readonly target: string;
  /** The measured figure, formatted; `n/a` when its cases did not run. */
  readonly measured: string;
  /** undefined when the figure could not be measured. */
  readonly met?: boolean;
}

/** The result of `tool` on `input` by `route` (any route when omitted). */
export function find(results: readonly CaseResult[], input: string, tool: Tool, route?: string): Measurement | undefined {
  return results.find((r) => r.case.input === input && r.case.tool === tool && (route === undefined || r.case.route === route))?.measurement;
}

function check(target: string, value: number | undefined, limit: number, format: (v: number) => string): TargetCheck {
  return value === undefined ? { target, measured: 'n/a' } : { target, measured: format(value), met: value <= limit };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** time(1000 services) / time(100 services) of webstack, when both ran. */
export function scalingRatio(results: readonly CaseResult[]): number | undefined {
  const big = find(results, 'generated 1000', 'webstack');
  const small = find(results, 'generated 100', 'webstack');
  return big && small ? big.wallMs.median / small.wallMs.median : undefined;
}

/** webstack / kompose median wall time on the same input, when both ran. */
export function komposeRatio(results: readonly CaseResult[], input: string): number | undefined {
  const ours = find(results, input, 'webstack');
  const theirs = find(results, input, 'kompose');
  return ours && theirs ? ours.wallMs.median / theirs.wallMs.median : undefined;
}

export function checkTargets(results: readonly CaseResult[]): TargetCheck[] {
  const thousand = find(results, 'generated 1000', 'webstack');
  return [
    check('example via `npx cdk8s synth` ≤ 0.8 s (median)', find(results, 'example', 'cdk8s synth', 'npx cdk8s synth')?.wallMs.median, 800, seconds),
    check('example via `webstack convert` ≤ 0.3 s (median)', find(results, 'example', 'webstack')?.wallMs.median, 300, seconds),
    check('1000 services convert + synth ≤ 3 s (median)', thousand?.wallMs.median, 3000, seconds),
    check('1000 services peak RSS ≤ 400 MiB (median)', thousand?.peakRssMiB.median, 400, (v) => `${v.toFixed(0)} MiB`),
    check('time(1000) / time(100) ≤ 12', scalingRatio(results), 12, (v) => v.toFixed(1)),
    check('1000 services no slower than kompose (webstack / kompose ≤ 1)', komposeRatio(results, 'generated 1000'), 1, (v) => `${v.toFixed(2)}×`),
  ];
}
