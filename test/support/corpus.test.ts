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
  'healthchecks__healthchecks': 1,
  'knadh__listmonk': 2,
  'langfuse__langfuse': 5,
  'n8n-io__n8n-hosting': 4,
  'paperless-ngx__paperless-ngx': 8,
  'penpot__penpot': 3,
  'saleor__saleor-platform': 1,
  'umami-software__umami': 3,
  'zulip__docker-zulip': 3,
};

/**
 * A row of the README's project table: the main command, and every documented command with its service count,
 * or 'rejected' where the README gives none because Compose rejects the order as shipped.
 */
interface ReadmeRow {
  readonly project: string;
  readonly mainCommand: string;
  readonly services: Readonly<Record<string, number | 'rejected'>>;
}

function readmeRows(root: string): ReadmeRow[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const row = /^\| \[[^\]]+\]\(real\/([^/]+)\/SOURCE\.md\) \|[^|]*\|[^|]*\| `([^`]+)` \| ([^|]+) \| ([^\n]*) \|$/gm;
  const count = (text: string): number | 'rejected' => {
    const n = /^\(?(\d+)/.exec(text.trim())?.[1] ?? /(\d+) once/.exec(text)?.[1];
    return n === undefined ? 'rejected' : Number(n);
  };
  return [...readme.matchAll(row)].map((m) => {
    const services: Record<string, number | 'rejected'> = { [m[2] as string]: count(m[3] as string) };
    for (const other of (m[4] as string).matchAll(/`(docker compose [^`]+)` (\([^<]*\))/g)) services[other[1] as string] = count(other[2] as string);
    return { project: m[1] as string, mainCommand: m[2] as string, services };
  });
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

  test('has every documented merge order of the 14 real projects', () => {
    const counts: Record<string, number> = {};
    for (const c of real) counts[path.basename(c.projectDir)] = (counts[path.basename(c.projectDir)] ?? 0) + 1;
    expect(counts).toEqual(MERGE_ORDERS);
  });

  test('agrees with the README table on main commands and service counts', () => {
    const rows = readmeRows(corpusRoot() as string);
    expect(rows).toHaveLength(14);
    for (const row of rows) {
      const orders = real.filter((c) => path.basename(c.projectDir) === row.project);
      expect({ project: row.project, main: commandOf(orders[0] as CorpusCase) }).toEqual({
        project: row.project,
        main: row.mainCommand,
      });
      const documented = Object.fromEntries(orders.map((c) => [commandOf(c), row.services[commandOf(c)] === 'rejected' && c.composeRejects ? 'rejected' : c.expectedServices]));
      expect(documented).toEqual(row.services);
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
      'real/penpot__penpot#3',
      'real/zulip__docker-zulip#2',
      'real/zulip__docker-zulip#3',
    ]);
  });

  test('marks exactly the orders Compose rejects as shipped', () => {
    expect(cases.filter((c) => c.composeRejects).map((c) => c.id)).toEqual(['real/healthchecks__healthchecks#1', 'real/paperless-ngx__paperless-ngx#7']);
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
