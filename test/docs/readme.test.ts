import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';

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
