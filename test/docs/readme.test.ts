import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';
import { runCli } from '../support/cli';
import { corpusRoot } from '../support/corpus';

/**
 * The README's TypeScript examples are real files under examples/ (type-checked with the rest of the project);
 * this keeps the README's copies identical to them and runs the constructs example.
 */
const ROOT = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const tsBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

test.each(['constructs.ts', 'convert.ts'])('README shows examples/%s verbatim', (file) => {
  expect(tsBlocks).toContain(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
});

test('every TypeScript block of the README is one of the checked examples', () => {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).map((f) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
  expect(tsBlocks.filter((block) => !examples.includes(block))).toEqual([]);
});

test('the constructs example synthesizes a stack whose every pod passes restricted', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-readme-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require('../../examples/constructs'));
    const [file] = fs.readdirSync(outdir);
    const objects = parseAllDocuments(fs.readFileSync(path.join(outdir, file as string), 'utf8')).map((d) => d.toJS());
    const workloads = objects.filter((o) => podTemplateOf(o));
    expect(workloads.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/backend', 'Deployment/frontend', 'Deployment/proxy', 'Deployment/worker', 'StatefulSet/postgres', 'StatefulSet/redis',
    ]);
    for (const o of workloads) expect(checkRestricted(podTemplateOf(o)!.template, o.metadata.name)).toEqual([]);
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

/**
 * The README's excerpts of generated code (the ```typescript blocks) are what `webstack init` writes: every line
 * but the first (which names the source) and the `// ...` elisions appears, in order, in the generated lib/ files.
 */
describe('README excerpts of webstack init output', () => {
  const excerpts = [...readme.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').split('\n'));
  const generated = (cwd: string, argv: string[]): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-readme-init-'));
    try {
      const ran = runCli(['init', ...argv, path.join(dir, 'k8s')], cwd);
      if (ran.code !== 0) throw new Error(ran.stderr);
      const lib = path.join(dir, 'k8s', 'lib');
      // environments.ts first: the README shows the values before the code that uses them.
      return fs.readdirSync(lib).sort((a, b) => Number(b === 'environments.ts') - Number(a === 'environments.ts')).map((f) => fs.readFileSync(path.join(lib, f), 'utf8')).join('\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const expectInOrder = (excerpt: readonly string[], text: string): void => {
    const lines = text.split('\n').map((l) => l.trim());
    let at = 0;
    for (const line of excerpt.slice(1).map((l) => l.trim()).filter((l) => l !== '' && l !== '// ...' && !l.startsWith('// lib/'))) {
      const found = lines.indexOf(line, at);
      expect({ line, found: found >= 0 }).toEqual({ line, found: true });
      at = found + 1;
    }
  };

  test('there are two: a corpus project and the environments fixture', () => {
    expect(excerpts.length).toBe(2);
  });

  test('the environments excerpt', () => {
    const fixture = path.join(ROOT, 'test', 'e2e', 'fixtures', 'environments');
    expectInOrder(excerpts[1] ?? [], generated(fixture, ['-f', 'compose.yaml', '--env', 'staging=compose.staging.yml', '--env', 'production=compose.production.yml']));
  });

  const corpus = corpusRoot();
  (corpus ? test : test.skip)('the knadh/listmonk excerpt (needs the corpus)', () => {
    const project = path.join(corpus ?? '', 'real', 'knadh__listmonk');
    expectInOrder(excerpts[0] ?? [], generated(project, ['-f', 'docker-compose.yml', '--image', 'app=listmonk/listmonk:v5.0.3']));
  });
});
