import * as fs from 'fs';
import * as path from 'path';
import { CorpusCase, corpusCases, corpusRoot, describeCorpus } from './corpus';

/** Merge orders per real project, counted by hand from the table in the corpus README. */
const MERGE_ORDERS: Record<string, number> = {
  'DefectDojo__django-DefectDojo': 6,
  'fastapi__full-stack-fastapi-template': 2,
  'frappe__frappe_docker': 4,
  'mattermost__docker': 2,
  'open-telemetry__opentelemetry-demo': 5,
  'saleor__saleor-platform': 1,
  'zulip__docker-zulip': 3,
};

/** A row of the README's project table: the main command and the service counts of every documented order. */
interface ReadmeRow {
  readonly project: string;
  readonly mainCommand: string;
  readonly services: number[];
}

function readmeRows(root: string): ReadmeRow[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const row = /^\| \[[^\]]+\]\(real\/([^/]+)\/SOURCE\.md\) \|[^|]*\|[^|]*\| `([^`]+)` \| (\d+) \| ([^\n]*) \|$/gm;
  return [...readme.matchAll(row)].map((m) => ({
    project: m[1] as string,
    mainCommand: m[2] as string,
    services: [Number(m[3]), ...[...(m[4] as string).matchAll(/\((\d+)\)/g)].map((o) => Number(o[1]))],
  }));
}

/** Rebuilds the command line a case stands for, relative to its project directory. */
function commandOf(c: CorpusCase): string {
  const rel = (p: string): string => path.relative(c.projectDir, p);
  return [
    'docker compose',
    ...c.envFiles.map((f) => `--env-file ${rel(f)}`),
    ...c.profiles.map((p) => `--profile ${p}`),
    ...c.files.map((f) => `-f ${rel(f)}`),
  ].join(' ');
}

describeCorpus('corpus index', (cases) => {
  const real = cases.filter((c) => c.id.startsWith('real/'));
  const awesome = cases.filter((c) => c.id.startsWith('awesome-compose/'));

  test('has 39 awesome-compose examples with 81 services in all', () => {
    expect(awesome).toHaveLength(39);
    expect(awesome.reduce((sum, c) => sum + c.expectedServices, 0)).toBe(81);
    expect(awesome.every((c) => c.main && c.files.length === 1 && c.envFiles.length === 0)).toBe(true);
  });

  test('has every documented merge order of the 7 real projects', () => {
    const counts: Record<string, number> = {};
    for (const c of real) counts[path.basename(c.projectDir)] = (counts[path.basename(c.projectDir)] ?? 0) + 1;
    expect(counts).toEqual(MERGE_ORDERS);
  });

  test('agrees with the README table on main commands and service counts', () => {
    const rows = readmeRows(corpusRoot() as string);
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const orders = real.filter((c) => path.basename(c.projectDir) === row.project);
      expect({ project: row.project, main: commandOf(orders[0] as CorpusCase) }).toEqual({
        project: row.project,
        main: row.mainCommand,
      });
      expect(orders.map((c) => c.expectedServices)).toEqual(row.services);
    }
  });

  test('marks exactly one main merge order per real project', () => {
    expect(real.filter((c) => c.main).map((c) => c.id)).toEqual(Object.keys(MERGE_ORDERS).sort().map((p) => `real/${p}#1`));
  });

  test('parses flags into absolute paths', () => {
    const otel = cases.find((c) => c.id === 'real/open-telemetry__opentelemetry-demo#1') as CorpusCase;
    expect(otel.envFiles.map((f) => path.relative(otel.projectDir, f))).toEqual(['.env', '.env.override']);
    expect(otel.files.map((f) => path.relative(otel.projectDir, f))).toEqual([
      'compose.yaml',
      'compose.full.yaml',
      'compose.observability.yaml',
      'compose.extras.yaml',
    ]);
    expect(otel.profiles).toEqual([]);
  });

  test('every listed file exists', () => {
    const missing = cases.flatMap((c) => [...c.files, ...c.envFiles]).filter((f) => !fs.existsSync(f));
    expect(missing).toEqual([]);
    expect(cases.every((c) => [...c.files, ...c.envFiles].every((f) => path.isAbsolute(f)))).toBe(true);
  });

  test('supplies caller variables only where a documented command needs them', () => {
    expect(cases.filter((c) => Object.keys(c.env).length > 0).map((c) => c.id)).toEqual([
      'real/fastapi__full-stack-fastapi-template#2',
      'real/zulip__docker-zulip#2',
      'real/zulip__docker-zulip#3',
    ]);
  });

  test('ids are unique', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
});

describe('corpus location', () => {
  const saved = process.env.WEBSTACK_CORPUS;
  afterEach(() => {
    if (saved === undefined) delete process.env.WEBSTACK_CORPUS;
    else process.env.WEBSTACK_CORPUS = saved;
  });

  test('fails when WEBSTACK_CORPUS points nowhere', () => {
    process.env.WEBSTACK_CORPUS = path.join(__dirname, 'no-such-corpus');
    expect(() => corpusRoot()).toThrow(/WEBSTACK_CORPUS/);
  });

  test('WEBSTACK_CORPUS selects the corpus', () => {
    const root = corpusRoot();
    if (root === undefined) return; // nothing to point at; the corpus index block already says so
    process.env.WEBSTACK_CORPUS = path.relative(process.cwd(), root);
    expect(corpusRoot()).toBe(root);
    expect(corpusCases().length).toBeGreaterThan(0);
  });
});
