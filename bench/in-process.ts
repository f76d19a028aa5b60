/**
 * The example stack synthesized `iterations` times in one process, as a test suite or a watch loop does: the
 * first iteration pays for V8's lazy compilation of our code paths, later ones show the steady state. Each
 * iteration builds a fresh `App` and renders it with `synthYaml()` (validation included, no files written), so
 * the figure is construct work alone, without process start or disk.
 *
 * Prints one JSON line: `{ "requireMs", "iterationsMs": [...], "maxRssMiB" }`.
 * Usage: `node build/bench/in-process.js <iterations>`
 */
import { performance } from 'perf_hooks';

/** What one in-process run measured. */
export interface InProcessResult {
  /** Loading cdk8s, cdk8s-plus-28 and our library. */
  readonly requireMs: number;
  /** Wall time of each build + synth, in order. */
  readonly iterationsMs: readonly number[];
  /** The process's peak RSS at the end. */
  readonly maxRssMiB: number;
}

export function runInProcess(iterations: number): InProcessResult {
  const loadStart = performance.now();
  // Required here, not imported at the top, so the cost of loading the modules is measured too.
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { defineExampleStack } = require('../lib/example') as typeof import('../lib/example');
  const requireMs = performance.now() - loadStart;
  const iterationsMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const app = new App();
    defineExampleStack(app);
    app.synthYaml();
    iterationsMs.push(performance.now() - start);
  }
  return { requireMs, iterationsMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

if (require.main === module) {
  const iterations = Number(process.argv[2] ?? '20');
  process.stdout.write(`${JSON.stringify(runInProcess(iterations))}\n`);
}
