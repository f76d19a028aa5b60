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
  return growth(results, 100, 1000);
}

/** webstack / kompose median wall time (or peak RSS) on the same input, when both ran. */
export function komposeRatio(results: readonly CaseResult[], input: string, figure: 'wallMs' | 'peakRssMiB' = 'wallMs'): number | undefined {
  const ours = find(results, input, 'webstack');
  const theirs = find(results, input, 'kompose');
  return ours && theirs ? ours[figure].median / theirs[figure].median : undefined;
}

/** The corpus project with the most services that both tools converted (issue 11's "largest corpus project"). */
export function largestComparedCorpusInput(results: readonly CaseResult[]): string | undefined {
  const compared = results.filter((r) => r.case.group === 'corpus' && r.case.tool === 'kompose' && r.measurement && find(results, r.case.input, 'webstack'));
  return compared.sort((a, b) => (b.case.services ?? 0) - (a.case.services ?? 0))[0]?.case.input;
}

/** time(`big` services) / time(`small` services) of webstack, when both ran. */
function growth(results: readonly CaseResult[], small: number, big: number): number | undefined {
  const b = find(results, `generated ${big}`, 'webstack');
  const s = find(results, `generated ${small}`, 'webstack');
  return b && s ? b.wallMs.median / s.wallMs.median : undefined;
}

export function checkTargets(results: readonly CaseResult[]): TargetCheck[] {
  const thousand = find(results, 'generated 1000', 'webstack');
  return [
    check('example via `npx cdk8s synth` ≤ 0.8 s (median)', find(results, 'example', 'cdk8s synth', 'npx cdk8s synth')?.wallMs.median, 800, seconds),
    check('example via `webstack convert` ≤ 0.3 s (median)', find(results, 'example', 'webstack')?.wallMs.median, 300, seconds),
    check('1000 services convert + synth ≤ 3 s (median)', thousand?.wallMs.median, 3000, seconds),
    check('1000 services peak RSS ≤ 400 MiB (median)', thousand?.peakRssMiB.median, 400, (v) => `${v.toFixed(0)} MiB`),
    check('time(1000) / time(100) ≤ 12', scalingRatio(results), 12, (v) => v.toFixed(1)),
    // Issue 11: against kompose in the same alternating run.
    check('time(5000) / time(1000) ≤ 5.5', growth(results, 1000, 5000), 5.5, (v) => v.toFixed(1)),
    ...['generated 1000', 'generated 5000', largestComparedCorpusInput(results) ?? 'largest corpus project'].flatMap((input) => [
      check(`${input}: wall time ≤ kompose's (webstack / kompose ≤ 1)`, komposeRatio(results, input), 1, times),
      check(`${input}: peak RSS ≤ 2× kompose's`, komposeRatio(results, input, 'peakRssMiB'), 2, times),
    ]),
  ];
}

const times = (v: number): string => `${v.toFixed(2)}×`;
