import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER } from '../../lib/output-dir';
import { runCli } from '../support/cli';
import { treeOf } from '../support/tree';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-init-'));
  fs.writeFileSync(
    path.join(dir, 'compose.yaml'),
    `services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: not-in-the-code-7f3a9c
  api:
    image: ghcr.io/acme/api:1.4.2
    user: "10001:10001"
    expose: [8000]
    depends_on: [db]
    stop_signal: SIGINT
`,
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const init = (...argv: string[]) => runCli(['init', '-f', 'compose.yaml', ...argv], dir);

describe('webstack init', () => {
  test('writes a cdk8s project with the expected layout into a new directory, and no output marker', () => {
    expect(init('shop-k8s')).toMatchObject({ code: 0, stderr: expect.stringContaining('created shop-k8s/') });
    const project = treeOf(path.join(dir, 'shop-k8s'), { filesOnly: true });
    const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9-]/g, '');
    expect(Object.keys(project).sort()).toEqual(['.gitignore', 'README.md', 'cdk8s.yaml', 'imports/k8s.ts', 'jest.config.js', `lib/${name}.ts`, 'main.ts', 'package.json', 'tsconfig.json', `test/${name}.test.ts`, `test/manifests/${name}.k8s.yaml`].sort());
    expect(project[OUTPUT_MARKER]).toBeUndefined();
    // The reviewed copy the generated test compares with is what webstack convert writes.
    expect(runCli(['convert', '-f', 'compose.yaml', '-o', 'converted'], dir).code).toBe(0);
    expect(project[`test/manifests/${name}.k8s.yaml`]).toBe(fs.readFileSync(path.join(dir, 'converted', `${name}.k8s.yaml`), 'utf8'));
  });

  test('the stack is typed construct code with Compose positions, warnings as TODOs, references between roles, and no secret value', () => {
    init('k8s');
    const project = treeOf(path.join(dir, 'k8s'), { filesOnly: true });
    const stack = Object.entries(project).find(([file]) => file.startsWith('lib/'))?.[1] ?? '';
    expect(stack).toMatch(/\/\/ db, compose\.yaml:2: the postgres role\n\s+const db = new Postgres\(this, 'db', \{\n\s+name: 'db',\n\s+image: 'postgres:16\.4', \/\/ compose\.yaml:3\n/);
    // Each derived prop says which Compose key it came from; a multi-line value carries it on its first line.
    expect(stack).toMatch(/ports: \[ \/\/ expose, compose\.yaml:9\n/);
    expect(stack).toMatch(/\/\/ TODO\(webstack\): warning\[[a-z-]+\] \(compose\.yaml:11\): .*stop_signal/);
    expect(stack).toMatch(/new WebService\(this, 'api', \{[\s\S]*dependsOn: \[db\],\n\s+\}\);/);
    for (const [file, text] of Object.entries(project)) expect({ file, leaks: text.includes('not-in-the-code-7f3a9c') }).toEqual({ file, leaks: false });
    expect(project['README.md']).toContain('create secret generic');
  });

  test('refuses a directory that holds files, and replaces it only with --force', () => {
    fs.mkdirSync(path.join(dir, 'k8s'));
    fs.writeFileSync(path.join(dir, 'k8s', 'edited.ts'), 'my edits');
    expect(init('k8s')).toMatchObject({ code: 1, stderr: expect.stringContaining('refusing to create a project in') });
    expect(treeOf(path.join(dir, 'k8s'), { filesOnly: true })).toEqual({ 'edited.ts': 'my edits' });
    expect(init('--force', 'k8s').code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'k8s', 'edited.ts'))).toBe(false);
  });

  test('never writes over the Compose project or the working directory, even with --force', () => {
    expect(init('--force', '.')).toMatchObject({ code: 1, stderr: expect.stringContaining('refusing to replace') });
    expect(fs.readdirSync(dir)).toEqual(['compose.yaml']);
  });

  test('an input error writes nothing', () => {
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  api:\n    image: ghcr.io/acme/api:latest\n');
    expect(init('k8s')).toMatchObject({ code: 1, stderr: expect.stringContaining('nothing was written') });
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
  });

  test('--env makes one chart per environment; environments that differ in services are refused and nothing is written', () => {
    fs.writeFileSync(path.join(dir, 'compose.prod.yml'), 'services:\n  api:\n    image: ghcr.io/acme/api:1.5.0\n');
    fs.writeFileSync(path.join(dir, 'compose.extra.yml'), 'services:\n  worker:\n    image: ghcr.io/acme/api:1.4.2\n    user: "10001:10001"\n    command: ["run-worker"]\n');
    expect(init('--env', 'production=compose.prod.yml', '--env', 'staging=compose.yaml', 'k8s').code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'k8s', 'lib', 'environments.ts'), 'utf8')).toMatch(/production: \{[\s\S]*image: 'ghcr\.io\/acme\/api:1\.5\.0'/);
    expect(fs.readFileSync(path.join(dir, 'k8s', 'main.ts'), 'utf8')).toContain('for (const [name, environment] of Object.entries(ENVIRONMENTS))');
    expect(init('--env', 'production=compose.prod.yml', '--env', 'extra=compose.extra.yml', 'other')).toMatchObject({ code: 1, stderr: expect.stringContaining('environments production and extra differ in their services') });
    expect(fs.existsSync(path.join(dir, 'other'))).toBe(false);
    expect(init('--env', 'Prod=compose.prod.yml', 'x')).toMatchObject({ code: 1, stderr: expect.stringContaining('DNS-1123 label') });
    expect(init('--env', 'compose.prod.yml', 'x')).toMatchObject({ code: 1, stderr: expect.stringContaining('--env expects NAME=FILE') });
    expect(init('--env', 'a=compose.prod.yml', '--env', 'a=compose.yaml', 'x')).toMatchObject({ code: 1, stderr: expect.stringContaining("environment 'a' twice") });
  });

  test('usage: one directory at most, help lists the options', () => {
    expect(runCli(['init', 'a', 'b'], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('Usage: webstack init') });
    expect(runCli(['init', 'compose.yaml'], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('pass files with -f compose.yaml') });
    expect(runCli(['init', '--help'], dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('--force') });
  });
});
