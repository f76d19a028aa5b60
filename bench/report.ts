/** Renders one benchmark run as a terminal table and as the generated part of docs/benchmarks.md. */
import type { InProcessResult } from './in-process';
import type { KomposeLookup } from './kompose';
import type { MachineInfo } from './machine';
import { summarize } from './stats';
import { checkTargets, komposeRatio, scalingRatio, type CaseResult } from './targets';

export interface BenchReport {
  readonly startedAt: Date;
  readonly durationS: number;
  readonly machine: MachineInfo;
  /** `uptime` load averages when the run started and ended. */
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly kompose: KomposeLookup;
  readonly results: readonly CaseResult[];
  readonly inProcess?: InProcessResult;
}

const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

/** One row of the results table, as strings. */
function row(r: CaseResult): string[] {
  const c = r.case;
  if (r.measurement === undefined) return [c.group, c.input, c.route, '-', 'failed', '', '', '', r.failure?.split('\n')[0] ?? ''];
  const { wallMs, cpuMs, peakRssMiB } = r.measurement;
  return [
    c.group,
    c.input,
    c.route,
    String(wallMs.runs),
    ms(wallMs.median),
    `${ms(wallMs.min)} – ${ms(wallMs.max)}`,
    ms(cpuMs.median),
    `${peakRssMiB.median.toFixed(0)} MiB`,
    c.note ?? '',
  ];
}

const HEADER = ['group', 'input', 'route', 'runs', 'wall median', 'wall range (min – max)', 'CPU median', 'peak RSS', 'note'];

/** Adds the webstack / kompose ratio to the note of each webstack row that has a kompose counterpart. */
function rows(results: readonly CaseResult[]): string[][] {
  return results.map((r) => {
    const cells = row(r);
    const ratio = r.case.tool === 'webstack' && r.measurement ? komposeRatio(results, r.case.input) : undefined;
    if (ratio !== undefined) cells[HEADER.length - 1] = [`${ratio.toFixed(2)}× kompose`, r.case.note].filter(Boolean).join('; ');
    return cells;
  });
}

/** Growth between consecutive generated sizes, and the time per service at each: near-linear keeps both flat. */
function scalingSummary(results: readonly CaseResult[]): string {
  const steps = results
    .filter((r) => r.case.group === 'scaling' && r.case.tool === 'webstack' && r.measurement && r.case.services)
    .map((r) => ({ services: r.case.services as number, ms: r.measurement?.wallMs.median as number }))
    .sort((a, b) => a.services - b.services);
  const perService = steps.map((s) => `${s.services}: ${(s.ms / s.services).toFixed(1)} ms`).join(', ');
  const growth = steps.slice(1).map((s, i) => {
    const prev = steps[i] as { services: number; ms: number };
    return `${prev.services} → ${s.services} services (×${s.services / prev.services}): time ×${(s.ms / prev.ms).toFixed(1)}`;
  });
  return steps.length < 2 ? '' : `Scaling (webstack convert, median wall): ${growth.join('; ')}. Per service: ${perService}.`;
}

function inProcessSummary(p: InProcessResult): string {
  const [first, ...rest] = p.iterationsMs;
  const warm = rest.length > 0 ? summarize(rest) : undefined;
  return [
    `load cdk8s + cdk8s-plus-28 + lib: ${ms(p.requireMs)}`,
    `first synth: ${ms(first ?? 0)}`,
    warm ? `later synths: median ${ms(warm.median)} (${ms(warm.min)} – ${ms(warm.max)}, ${warm.runs} runs)` : '',
    `peak RSS ${p.maxRssMiB.toFixed(0)} MiB`,
  ]
    .filter((s) => s !== '')
    .join('; ');
}

function textTable(cells: readonly string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

function markdownTable(header: readonly string[], cells: readonly string[][]): string {
  const line = (r: readonly string[]): string => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
}

function targetCells(report: BenchReport): string[][] {
  return checkTargets(report.results).map((t) => [t.target, t.measured, t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED']);
}

function komposeNote(report: BenchReport): string {
  return 'binary' in report.kompose ? `kompose: ${report.kompose.binary}` : `kompose: no figures — ${report.kompose.unavailable}`;
}

export function renderText(report: BenchReport): string {
  const ratio = scalingRatio(report.results);
  return [
    textTable([HEADER, ...rows(report.results)]),
    '',
    report.inProcess ? `in-process example: ${inProcessSummary(report.inProcess)}` : '',
    ratio === undefined ? '' : `time(1000) / time(100) = ${ratio.toFixed(1)}`,
    scalingSummary(report.results),
    komposeNote(report),
    `load average before: ${report.loadBefore}; after: ${report.loadAfter}`,
    '',
    textTable([['target', 'measured', 'status'], ...targetCells(report)]),
  ].join('\n');
}

function machineSection(report: BenchReport): string {
  const m = report.machine;
  const versions = Object.entries(m.packages).map(([name, version]) => `${name} ${version}`);
  const kompose = 'binary' in report.kompose ? 'kompose v1.34.0' : 'kompose: not available (see below)';
  return [
    `- Run: ${report.startedAt.toISOString()}, ${report.durationS.toFixed(0)} s in all`,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB memory, ${m.os}`,
    `- Load average (1, 5, 15 min) before: ${report.loadBefore}; after: ${report.loadAfter}`,
    `- Versions: Node ${m.node}, ${versions.join(', ')}, ${kompose}`,
  ].join('\n');
}

/** The generated part of docs/benchmarks.md: machine, results, targets. Method and history are hand-written. */
export function renderMarkdown(report: BenchReport): string {
  const ratio = scalingRatio(report.results);
  return [
    '## Latest run',
    '',
    machineSection(report),
    '',
    '### Results',
    '',
    markdownTable(HEADER, rows(report.results)),
    '',
    report.inProcess ? `In-process example (\`build/bench/in-process.js\`): ${inProcessSummary(report.inProcess)}.` : '',
    '',
    ratio === undefined ? '' : `time(1000) / time(100) = ${ratio.toFixed(1)}.`,
    '',
    scalingSummary(report.results),
    '',
    komposeNote(report),
    '',
    '### Targets',
    '',
    markdownTable(['target (issue 5, 2 cores)', 'measured', 'status'], targetCells(report)),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
