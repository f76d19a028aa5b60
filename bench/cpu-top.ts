/**
 * Summarises a V8 CPU profile (`node --cpu-prof` writes `*.cpuprofile`): the functions with the most self time,
 * the modules (files) they live in, and the project's own functions by total time (self plus callees), which
 * says which of our steps a library's hot spot is spent under; all without opening DevTools.
 *
 * Usage: `node build/bench/cpu-top.js <file.cpuprofile> [top=25]`
 */
import * as fs from 'fs';

/** The parts of the `.cpuprofile` JSON (Chrome DevTools protocol `Profiler.Profile`) this summary reads. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  /** Sampled node ids, one per tick. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

/** Self time of one function or module, in milliseconds, and its share of all samples. */
export interface HotSpot {
  readonly name: string;
  readonly selfMs: number;
  readonly share: number;
}

/** Where a function lives, shortened to the package or project path (`yaml/dist/...`, `build/lib/...`). */
function moduleOf(url: string): string {
  if (url === '') return '(native)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return url.slice(nodeModules + 'node_modules/'.length);
  const build = url.indexOf('/build/');
  return build >= 0 ? url.slice(build + 1) : url.replace(/^file:\/\//, '');
}

function rank(selfUs: ReadonlyMap<string, number>, total: number, top: number): HotSpot[] {
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / total }));
}

/** `name file:line` of a profile node, the key functions are aggregated by. */
function functionKey(frame: CpuProfile['nodes'][number]['callFrame']): string {
  // Line numbers are 0-based in the protocol.
  return `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
}

/** The `top` functions and modules by self time, and the project's functions (under `build/`) by total time. */
export function hotSpots(profile: CpuProfile, top: number): { functions: HotSpot[]; modules: HotSpot[]; ownTotals: HotSpot[]; totalMs: number } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const ownTotal = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (node === undefined) return;
    total += us;
    byFunction.set(functionKey(node.callFrame), (byFunction.get(functionKey(node.callFrame)) ?? 0) + us);
    const module = moduleOf(node.callFrame.url);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    // Each function on the sampled stack gets the sample once, however deep it recurses.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame && moduleOf(frame.url).startsWith('build/')) onStack.add(functionKey(frame));
    }
    for (const key of onStack) ownTotal.set(key, (ownTotal.get(key) ?? 0) + us);
  });
  return { functions: rank(byFunction, total, top), modules: rank(byModule, total, top), ownTotals: rank(ownTotal, total, top), totalMs: total / 1000 };
}

function print(title: string, spots: readonly HotSpot[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const s of spots) {
    process.stdout.write(`${s.selfMs.toFixed(1).padStart(9)} ms ${(s.share * 100).toFixed(1).padStart(5)} %  ${s.name}\n`);
  }
}

if (require.main === module) {
  const [file, top = '25'] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write('usage: node build/bench/cpu-top.js <file.cpuprofile> [top]\n');
    process.exit(1);
  }
  const summary = hotSpots(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(top));
  process.stdout.write(`${file}: ${summary.totalMs.toFixed(0)} ms sampled\n`);
  print('Self time by function', summary.functions);
  print('Self time by module', summary.modules);
  print('Total time (self + callees) of the project\'s functions', summary.ownTotals);
}
