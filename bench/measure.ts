/**
 * Whole-process measurement: each run spawns the command under GNU time (`/usr/bin/time`, Debian package `time`),
 * which reports the peak resident set size (`%M`, in KiB: the largest RSS of the command or of any one of its
 * waited-for children) and the user + system CPU time of the process tree (`%U`, `%S`); wall time is taken here
 * with a monotonic clock around the spawn, which is finer than time's 10 ms `%e`. CPU time shows the work done
 * even when other processes load the machine; wall time is what users wait. Output goes to a log file, never to a pipe: thousands of warnings would otherwise fill a pipe
 * buffer and measure the reader, not the command.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { summarize, type Summary } from './stats';

/** GNU time's path; scripts/bench.sh installs the `time` package when it is missing. */
export const GNU_TIME = '/usr/bin/time';

/** One command to run, as a process. */
export interface Command {
  readonly argv: readonly string[];
  /** @default - the benchmark's working directory */
  readonly cwd?: string;
  /** Extra environment variables, added to the benchmark's own. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs before every timed and warm-up run, outside the timing (e.g. clearing an output directory). @default - nothing */
  readonly before?: () => void;
  /** The exit status of a run that did what the case measures, e.g. 1 for input the tool must refuse. @default 0 */
  readonly expectedExit?: number;
}

/** Wall time and peak RSS of repeated runs. */
export interface Measurement {
  readonly wallMs: Summary;
  /** User + system CPU time; above wall time when V8's GC and compiler threads run in parallel. */
  readonly cpuMs: Summary;
  readonly peakRssMiB: Summary;
}

/** Why a command could not be measured: its exit status and the end of its output. */
export class CommandFailed extends Error {
  constructor(command: Command, status: number | null, logTail: string) {
    super(`exit ${status ?? 'signal'} (expected ${command.expectedExit ?? 0}): ${command.argv.join(' ')}\n${logTail}`);
    this.name = 'CommandFailed';
  }
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssKiB: number;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-bench-measure-'));
const LOG = path.join(scratch, 'output.log');
const TIME_REPORT = path.join(scratch, 'time.txt');

function tail(file: string, lines: number): string {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function runOnce(command: Command): Sample {
  command.before?.();
  const log = fs.openSync(LOG, 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', TIME_REPORT, ...command.argv], {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', log, log],
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== (command.expectedExit ?? 0)) throw new CommandFailed(command, result.status, tail(LOG, 15));
    // After a non-zero exit GNU time writes "Command exited with non-zero status N" first: the figures are last.
    const [rss, user, system] = tail(TIME_REPORT, 1).split(' ').map(Number);
    return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, peakRssKiB: rss ?? 0 };
  } finally {
    fs.closeSync(log);
  }
}

/**
 * Runs `command` `warmup` times untimed (disk cache, V8 code cache), then `runs` times timed.
 * @throws CommandFailed on the first run that exits non-zero
 */
export function measure(command: Command, runs: number, warmup = 1): Measurement {
  return measureAlternating([command], runs, warmup)[0] as Measurement;
}

/**
 * Measures commands that are compared with each other (webstack and kompose on one input) in alternation: round
 * after round, each command runs once, so a change of load on the machine falls on both and their ratio holds.
 * @throws CommandFailed on the first run that exits non-zero
 */
export function measureAlternating(commands: readonly Command[], runs: number, warmup = 1): Measurement[] {
  for (let i = 0; i < warmup; i++) commands.forEach(runOnce);
  const samples: Sample[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((command, c) => samples[c]?.push(runOnce(command)));
  return samples.map((taken) => ({
    wallMs: summarize(taken.map((s) => s.wallMs)),
    cpuMs: summarize(taken.map((s) => s.cpuMs)),
    peakRssMiB: summarize(taken.map((s) => s.peakRssKiB / 1024)),
  }));
}

/** Deletes the scratch files; call once at the end of a benchmark run. */
export function cleanUpMeasure(): void {
  fs.rmSync(scratch, { recursive: true, force: true });
}
