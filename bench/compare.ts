/**
 * `npm run compare`: webstack and kompose v1.38.0 side by side on every corpus merge order, in one run, written to
 * docs/comparison.md. Each tool gets the case as documented; webstack also the flags its own errors suggest
 * (test/support/corpus-flags.ts), kompose none (it refuses nothing). Both outputs are judged the same way: objects
 * and workloads, a server-side dry-run on a real API server in a namespace that enforces Pod Security restricted
 * (objects accepted; workloads whose pods restricted admits, i.e. without a PodSecurity warning), kube-linter
 * findings, kube-score criticals, literal secret values of the case (the tests' own reading,
 * test/support/secrets.ts), and the process's wall time, CPU time and peak memory (GNU time, one run).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { loadCompose } from '../lib/compose';
import { Cluster } from '../test/support/cluster';
import { composeArgs, corpusCases, REPO_ROOT, type CorpusCase } from '../test/support/corpus';
import { caseOptions, imageArgs, suggestedFlags } from '../test/support/corpus-flags';
import type { KubeObject } from '../test/support/kubectl';
import { containsToken, corpusSecretValues } from '../test/support/secrets';
import { kubeLinterFindings } from '../test/e2e/kube-linter';
import { kubeScoreCriticals } from '../test/e2e/kube-score';
import { findKompose } from './kompose';
import { measure, type Command } from './measure';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet']);
const OUT = path.join(REPO_ROOT, 'docs', 'comparison.md');

/** What one tool made of one case. */
interface Outcome {
  readonly converted: boolean;
  readonly workloads: number;
  readonly objects: number;
  readonly accepted: number;
  readonly admitted: number;
  readonly lint: number;
  readonly criticals: number;
  readonly secrets: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

const NONE: Outcome = { converted: false, workloads: 0, objects: 0, accepted: 0, admitted: 0, lint: 0, criticals: 0, secrets: 0, wallMs: 0, cpuMs: 0, rssMiB: 0 };

function namespaceFor(tool: string, c: CorpusCase): string {
  return `${tool}-${c.id.replace(/^(real|awesome-compose)\//, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

function objectsIn(dir: string): KubeObject[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject | null))
    .filter((o): o is KubeObject => o !== null);
}

async function judge(cluster: Cluster, tool: string, c: CorpusCase, dir: string, timing: { wallMs: number; cpuMs: number; rssMiB: number }, secrets: readonly string[]): Promise<Outcome> {
  const objects = objectsIn(dir);
  const workloads = objects.filter((o) => WORKLOADS.has(o.kind));
  const namespace = namespaceFor(tool, c);
  const own = objects.find((o) => o.kind === 'Namespace');
  // Both tools' objects are judged in a namespace that enforces restricted: webstack's own, a fresh one for kompose.
  const ns = own ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' } } };
  await cluster.kubectl.run(['apply', '-f', '-'], JSON.stringify(ns));
  const target = own ? [] : [`--namespace=${namespace}`];
  const dryRun = await cluster.kubectl.run(['apply', '--dry-run=server', ...target, '-f', dir]);
  const accepted = (dryRun.stdout.match(/\(server dry run\)/g) ?? []).length;
  // kubectl prints one PodSecurity warning per workload whose pods restricted would refuse.
  const violating = Math.min(workloads.length, (dryRun.stderr.match(/^Warning: would violate PodSecurity/gm) ?? []).length);
  const text = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n') : '';
  return {
    converted: workloads.length > 0,
    workloads: workloads.length,
    objects: objects.length,
    accepted,
    admitted: workloads.length - violating,
    lint: objects.length ? (await kubeLinterFindings(dir)).length : 0,
    criticals: objects.length ? (await kubeScoreCriticals(fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)))).length : 0,
    secrets: secrets.filter((s) => containsToken(text, s)).length,
    ...timing,
  };
}

/** Runs a command once under GNU time; a refusal (exit 1) is timed too. */
function timed(command: Command): { wallMs: number; cpuMs: number; rssMiB: number } | undefined {
  for (const expectedExit of [0, 1]) {
    try {
      const m = measure({ ...command, expectedExit }, 1, 0);
      return { wallMs: m.wallMs.median, cpuMs: m.cpuMs.median, rssMiB: m.peakRssMiB.median };
    } catch {
      continue;
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  const kompose = findKompose();
  if (!('binary' in kompose)) throw new Error(kompose.unavailable);
  const cluster = await Cluster.start({ name: 'compare' });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-compare-'));
  const rows: { c: CorpusCase; webstack: Outcome; kompose: Outcome }[] = [];
  const started = Date.now();
  try {
    for (const c of corpusCases()) {
      const project = loadCompose(caseOptions(c)).project;
      const secrets = project ? corpusSecretValues(c, project) : [];
      const flags = suggestedFlags(c);
      const ours = path.join(scratch, namespaceFor('webstack', c));
      const theirs = path.join(scratch, namespaceFor('kompose', c));
      const webstackRun = timed({
        argv: [
          'node', '--', path.join(REPO_ROOT, 'build', 'bin', 'webstack.js'), 'convert',
          ...composeArgs(c), ...imageArgs(flags),
          '--namespace', namespaceFor('webstack', c), '-o', ours, ...flags.services,
        ],
        cwd: c.projectDir,
        env: c.env,
        before: () => fs.rmSync(ours, { recursive: true, force: true }),
      });
      const komposeRun = timed({
        argv: [kompose.binary, 'convert', ...c.files.flatMap((f) => ['-f', f]), '-o', `${theirs}/`],
        cwd: c.projectDir,
        env: c.env,
        before: () => {
          fs.rmSync(theirs, { recursive: true, force: true });
          fs.mkdirSync(theirs, { recursive: true });
        },
      });
      rows.push({
        c,
        webstack: webstackRun ? await judge(cluster, 'webstack', c, ours, webstackRun, secrets) : NONE,
        kompose: komposeRun ? await judge(cluster, 'kompose', c, theirs, komposeRun, secrets) : NONE,
      });
      process.stderr.write(`compare: ${rows.length} ${c.id}\n`);
    }
  } finally {
    await cluster.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  fs.writeFileSync(OUT, render(rows, Date.now() - started));
  process.stderr.write(`compare: wrote ${path.relative(REPO_ROOT, OUT)}\n`);
}

function render(rows: readonly { c: CorpusCase; webstack: Outcome; kompose: Outcome }[], ms: number): string {
  const sum = (tool: 'webstack' | 'kompose', key: keyof Outcome): number => rows.reduce((n, r) => n + Number(r[tool][key]), 0);
  const cell = (o: Outcome): string =>
    o.converted ? `${o.workloads} | ${o.objects} | ${o.accepted} | ${o.admitted} | ${o.lint} | ${o.criticals} | ${o.secrets} | ${(o.wallMs / 1000).toFixed(2)} s / ${(o.cpuMs / 1000).toFixed(2)} s / ${o.rssMiB.toFixed(0)} MiB` : 'refused | | | | | | | ';
  const total = (tool: 'webstack' | 'kompose'): string =>
    `| ${tool} | ${rows.filter((r) => r[tool].converted).length}/${rows.length} | ${sum(tool, 'workloads')} | ${sum(tool, 'objects')} | ${sum(tool, 'accepted')} | ${sum(tool, 'admitted')} | ${sum(tool, 'lint')} | ${sum(tool, 'criticals')} | ${sum(tool, 'secrets')} | ${(sum(tool, 'wallMs') / 1000).toFixed(1)} s |`;
  return [
    '# webstack and kompose, side by side',
    '',
    `Generated by \`npm run compare\` (bench/compare.ts) on ${new Date().toISOString().slice(0, 10)} in ${(ms / 60000).toFixed(1)} min, one run of each tool per`,
    'corpus merge order. kompose v1.38.0 is built from ../shared/tools; webstack gets the flags its own errors suggest.',
    'Columns: workloads (Deployments, StatefulSets, Jobs, ...), objects, objects a real API server accepts in a',
    'server-side dry-run, workloads whose pods Pod Security restricted admits (no PodSecurity warning), kube-linter',
    'findings (default checks), kube-score criticals, literal secret values of the case found in the output (the',
    "tests' own reading), and wall / CPU time / peak memory of the process.",
    '',
    '## Totals',
    '',
    '| tool | cases converted | workloads | objects | accepted | admitted under restricted | kube-linter | kube-score criticals | literal secrets | wall time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    total('webstack'),
    total('kompose'),
    '',
    '## Per merge order',
    '',
    '| case | tool | workloads | objects | accepted | admitted | kube-linter | criticals | secrets | wall / CPU / memory |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.flatMap((r) => [`| ${r.c.id} | webstack | ${cell(r.webstack)} |`, `| | kompose | ${cell(r.kompose)} |`]),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`compare: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
