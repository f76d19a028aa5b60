/**
 * Every benchmark case as a command line: the floor, the example stack by each route, each corpus project's main
 * merge order, and the generated scaling inputs, each by webstack and (when installed) kompose. Building the
 * list prepares inputs (generated files, a scratch cdk8s project) but times nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { composeArgs, corpusCases, type CorpusCase } from '../test/support/corpus';
import { imageArgs, suggestedFlags } from '../test/support/corpus-flags';
import { generateComposeYaml } from './generate';
import type { Command } from './measure';

export type Group = 'floor' | 'example' | 'corpus' | 'scaling';

/** Who does the work in a case; ratios compare tools on the same input. */
export type Tool = 'node' | 'cdk8s-plus' | 'cdk8s-cli' | 'cdk8s synth' | 'webstack' | 'kompose';

export interface BenchCase {
  readonly group: Group;
  /** What is converted or synthesized: `example`, a corpus case id, `generated 1000`. */
  readonly input: string;
  readonly tool: Tool;
  /** How the tool is invoked, for the table (`npx cdk8s synth`, `webstack convert`). */
  readonly route: string;
  readonly command: Command;
  readonly runs: number;
  /** Number of services converted, for the scaling ratios. @default - not a scaling case */
  readonly services?: number;
  /** Said in the report next to the figures. @default - nothing */
  readonly note?: string;
}

/** Paths and settings every case needs. */
export interface CaseContext {
  readonly root: string;
  /** A directory the cases may fill; deleted by the caller. */
  readonly scratch: string;
  /** The kompose binary, when one of the pinned version is installed. */
  readonly kompose?: string;
  /** Timed runs per case; large inputs use fewer. */
  readonly runs: number;
  /** Service counts of the generated inputs. */
  readonly scales: readonly number[];
}

/** A directory emptied before every run, so each run writes its output from scratch. */
function freshDir(dir: string): () => void {
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  };
}

function cli(ctx: CaseContext): string {
  return path.join(ctx.root, 'build', 'bin', 'webstack.js');
}

/** Runs of a case that takes about `seconds` per run, so no case dominates the benchmark's duration. */
function runsFor(ctx: CaseContext, seconds: number): number {
  return Math.max(3, Math.min(ctx.runs, Math.round(20 / seconds)));
}

function floorCases(ctx: CaseContext, workloads: number): BenchCase[] {
  const out = path.join(ctx.scratch, 'bare');
  const cdk8s = path.join(ctx.root, 'node_modules', '.bin', 'cdk8s');
  const floor = (tool: Tool, route: string, argv: readonly string[]): BenchCase => ({ group: 'floor', input: 'nothing', tool, route, command: { argv, cwd: ctx.root }, runs: ctx.runs });
  return [
    floor('node', 'node -e 0', ['node', '-e', '0']),
    // What `cdk8s synth` costs before it starts the app: npx, then the CLI loading its modules.
    floor('cdk8s-cli', 'npx cdk8s --version', ['npx', 'cdk8s', '--version']),
    floor('cdk8s-cli', 'cdk8s --version (no npx)', [cdk8s, '--version']),
    {
      group: 'floor',
      input: `${workloads} Deployments`,
      tool: 'cdk8s-plus',
      route: 'bare cdk8s-plus-28 app',
      command: { argv: ['node', path.join(ctx.root, 'build', 'bench', 'bare-app.js'), String(workloads), out], before: freshDir(out) },
      runs: ctx.runs,
    },
  ];
}

/**
 * A scratch cdk8s project whose app is the built `main.js`, so `cdk8s synth` runs exactly as `npm run synth` does
 * without touching the repository's `dist/`, which other processes (the e2e tests) may be reading.
 */
function cdk8sProject(ctx: CaseContext): string {
  const dir = path.join(ctx.scratch, 'cdk8s-project');
  fs.mkdirSync(dir, { recursive: true });
  const config = ['language: typescript', `app: node ${path.join(ctx.root, 'build', 'main.js')}`, 'output: .cdk8s.out', ''];
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config.join('\n'));
  // npx finds cdk8s-cli through the nearest node_modules, as it does in the repository.
  fs.symlinkSync(path.join(ctx.root, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  return dir;
}

/** The example fixture that mirrors lib/example.ts as Compose. */
export function exampleComposeFile(root: string): string {
  return path.join(root, 'bench', 'fixtures', 'example', 'compose.yaml');
}

function exampleCases(ctx: CaseContext): BenchCase[] {
  const project = cdk8sProject(ctx);
  const cleanProject = (): void => {
    fs.rmSync(path.join(project, 'dist'), { recursive: true, force: true });
  };
  const cdk8s = path.join(ctx.root, 'node_modules', '.bin', 'cdk8s');
  const compose = exampleComposeFile(ctx.root);
  const out = path.join(ctx.scratch, 'example-cli');
  const example = (tool: Tool, route: string, command: Command): BenchCase => ({ group: 'example', input: 'example', tool, route, command, runs: ctx.runs });
  return [
    example('cdk8s synth', 'npx cdk8s synth', { argv: ['npx', 'cdk8s', 'synth', '--no-check-upgrade'], cwd: project, before: cleanProject }),
    example('cdk8s synth', 'cdk8s synth (no npx)', { argv: [cdk8s, 'synth', '--no-check-upgrade'], cwd: project, before: cleanProject }),
    example('cdk8s synth', 'node build/main.js (the app alone)', { argv: ['node', path.join(ctx.root, 'build', 'main.js')], cwd: project, before: cleanProject }),
    example('webstack', 'webstack convert', { argv: ['node', '--', cli(ctx), 'convert', '-f', compose, '-o', out], before: freshDir(out) }),
    ...komposeCase(ctx, { group: 'example', input: 'example', files: [compose], cwd: path.dirname(compose), runs: ctx.runs }),
  ];
}

/** Where kompose reads its input; it takes `-f` repeated like Compose and reads `.env` from `cwd` itself. */
interface KomposeInput {
  readonly group: Group;
  readonly input: string;
  readonly files: readonly string[];
  readonly cwd: string;
  readonly runs: number;
  readonly services?: number;
}

function komposeCase(ctx: CaseContext, k: KomposeInput): BenchCase[] {
  if (ctx.kompose === undefined) return [];
  const out = path.join(ctx.scratch, 'kompose-out');
  const argv = [ctx.kompose, 'convert', ...k.files.flatMap((f) => ['-f', f]), '-o', out];
  return [{ group: k.group, input: k.input, tool: 'kompose', route: 'kompose convert', command: { argv, cwd: k.cwd, before: freshDir(out) }, runs: k.runs, services: k.services }];
}

/** What converting a corpus case in-process says: the `--image` pins it needs, and the errors left after them. */
/**
 * One corpus case through the CLI as a user runs it: as published, plus the flags the converter's own errors
 * suggest (`--image` pins, the service selection that leaves out what restricted cannot run). A case refused
 * whatever the flags is timed to its diagnosis, exit 1, and the report names the services left out.
 */
function corpusCase(ctx: CaseContext, c: CorpusCase): BenchCase[] {
  const out = path.join(ctx.scratch, 'corpus-out');
  const suggested = suggestedFlags(c);
  const flags = [...composeArgs(c), ...imageArgs(suggested), ...suggested.services];
  const rejected = suggested.refused || c.composeRejects;
  const leftOut = Object.keys(suggested.leftOut);
  const runs = runsFor(ctx, 1);
  return [
    {
      group: 'corpus',
      input: c.id,
      tool: 'webstack',
      route: 'webstack convert',
      command: {
        argv: ['node', '--', cli(ctx), 'convert', ...flags, '-o', out],
        cwd: c.projectDir,
        env: c.env,
        before: freshDir(out),
        expectedExit: rejected ? 1 : 0,
      },
      runs,
      services: c.expectedServices,
      note: rejected ? 'refused (exit 1)' : leftOut.length ? `without ${leftOut.join(', ')}` : undefined,
    },
    // kompose reads `.env` from its working directory; merge orders with other env files are timed for webstack only.
    ...(c.envFiles.length === 0 ? komposeCase(ctx, { group: 'corpus', input: c.id, files: c.files, cwd: c.projectDir, runs, services: c.expectedServices }) : []),
  ];
}

function scalingCases(ctx: CaseContext): BenchCase[] {
  return ctx.scales.flatMap((services) => {
    const file = path.join(ctx.scratch, `generated-${services}`, 'compose.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, generateComposeYaml(services));
    const out = path.join(ctx.scratch, 'scaling-out');
    // A rough cost model (about 3 ms a service) keeps 5000 services to a few runs.
    const runs = runsFor(ctx, 0.5 + services * 0.003);
    return [
      {
        group: 'scaling' as const,
        input: `generated ${services}`,
        tool: 'webstack' as const,
        route: 'webstack convert',
        command: { argv: ['node', '--', cli(ctx), 'convert', '-f', file, '-o', out], cwd: path.dirname(file), before: freshDir(out) },
        runs,
        services,
      },
      ...komposeCase(ctx, { group: 'scaling', input: `generated ${services}`, files: [file], cwd: path.dirname(file), runs, services }),
    ];
  });
}

/** The main merge order of every corpus project, real projects first. */
export function mainCorpusCases(): readonly CorpusCase[] {
  return corpusCases().filter((c) => c.main);
}

/**
 * Every case, in the order the report lists them. `workloads` is the number of workloads the example stack
 * synthesizes (the bare app gets as many Deployments). Groups not in `groups` are left out.
 */
export function benchCases(ctx: CaseContext, workloads: number, groups: ReadonlySet<Group>): BenchCase[] {
  const all: Array<[Group, () => BenchCase[]]> = [
    ['floor', () => floorCases(ctx, workloads)],
    ['example', () => exampleCases(ctx)],
    ['corpus', () => mainCorpusCases().flatMap((c) => corpusCase(ctx, c))],
    ['scaling', () => scalingCases(ctx)],
  ];
  return all.filter(([group]) => groups.has(group)).flatMap(([, build]) => build());
}
