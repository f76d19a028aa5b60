import * as path from 'path';
import { hasErrors } from '../../lib/errors';
import { loadCompose } from '../../lib/compose';
import { bind } from '../../lib/compose/bind';
import { loadComposeTree } from '../../lib/compose/load-tree';
import { normalize } from '../../lib/compose/normalize';
import { PMap } from '../../lib/compose/tree';
import { validateSchema, validateSemantics } from '../../lib/compose/validate';

const dir = '/srv/shop';

/** Reads `files` (file name to text, under /srv/shop) as if they were on disk. */
function readFrom(files: Record<string, string>): (file: string) => string {
  return (file) => {
    const text = files[path.relative(dir, file)];
    if (text === undefined) throw new Error(`ENOENT ${file}`);
    return text;
  };
}

/** An in-memory project: its compose files are every file whose name ends in .yaml. */
function load(files: Record<string, string>, environment: Record<string, string> = {}, projectName?: string) {
  return loadCompose({
    projectName,
    files: Object.keys(files).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f)),
    environment: { HOME: '/home/dev', ...environment },
    readFile: readFrom(files),
  });
}

const where = (ds: ReturnType<typeof load>['diagnostics']) => ds.map((d) => [d.code, d.pos?.line, d.pos?.column]);

describe('loadCompose', () => {
  test('loads a project into the model, with the normalized JSON beside it', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.name).toBe('shop');
    expect(result.project?.services.map((s) => s.name)).toEqual(['web', 'db']);
    expect(result.normalized).toMatchObject({ services: { web: { ports: [{ target: 80, published: '8080' }] } } });
  });

  test('a schema error stops before normalization and is reported at the key', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    imgae: nginx\n' });
    expect(where(result.diagnostics)).toEqual([['schema-unknown-key', 3, 5]]);
    expect(result.project).toBeUndefined();
    expect(result.normalized).toBeUndefined();
  });

  test('a normalize error stops before binding', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:abc"]\n' });
    expect(where(result.diagnostics)).toEqual([['port-invalid', 4, 13]]);
    expect(result.project).toBeUndefined();
  });

  test('a dangling reference keeps the normalized JSON but no project', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n' });
    expect(where(result.diagnostics)).toEqual([['depends-on-undefined', 4, 18]]);
    expect(result.normalized).toBeDefined();
    expect(result.project).toBeUndefined();
  });

  test('infos do not stop the load', () => {
    const result = load({ 'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: nginx\n' });
    expect(where(result.diagnostics)).toEqual([['version-obsolete', 1, 1]]);
    expect(result.project?.services).toHaveLength(1);
  });

  test('the project name comes from -p, then name:, then the directory, lower-cased', () => {
    const files = { 'compose.yaml': 'name: Declared\nservices:\n  web:\n    image: nginx\n' };
    expect(load(files).project?.name).toBe('declared');
    expect(load(files, {}, 'cli').project?.name).toBe('cli');
    expect(load(files, {}, 'cli').normalized).toMatchObject({ name: 'cli', networks: { default: { name: 'cli_default' } } });
    expect(load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }).project?.name).toBe('shop');
  });

  test('a missing file is a diagnostic, not an exception', () => {
    const result = loadCompose({ files: ['/nonexistent/compose.yaml'], readFile: () => { throw new Error('ENOENT'); } });
    expect(hasErrors(result.diagnostics)).toBe(true);
    expect(result.project).toBeUndefined();
  });
});

describe('loadCompose fills valueless environment entries from the project env files only', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    environment:\n      - FROM_DOTENV\n      - FROM_MACHINE\n      - EXPLICIT=x\n';

  test('a key the .env file defines is filled, at the position of the bare key', () => {
    const result = load({ 'compose.yaml': compose, '.env': 'FROM_DOTENV=dotenv\nEXPLICIT=ignored\n' });
    expect(result.diagnostics).toEqual([]);
    expect(result.normalized).toMatchObject({ services: { web: { environment: { FROM_DOTENV: 'dotenv', EXPLICIT: 'x' } } } });
    const web = result.project?.services[0];
    expect(web?.environment.FROM_DOTENV).toBe('dotenv');
    expect(web?.positions['environment.FROM_DOTENV']).toMatchObject({ file: path.join(dir, 'compose.yaml'), line: 5, column: 9 });
  });

  test('a key only the process environment defines stays null: the machine is never read', () => {
    const result = load({ 'compose.yaml': compose, '.env': 'FROM_DOTENV=dotenv\n' }, { FROM_MACHINE: 'machine', FROM_DOTENV: 'machine' });
    expect(result.project?.services[0]?.environment).toEqual({ FROM_DOTENV: 'dotenv', FROM_MACHINE: null, EXPLICIT: 'x' });
  });

  test('the map form `KEY:` is filled the same way; build args stay null', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    build: {context: ., args: [FROM_DOTENV]}\n    environment:\n      FROM_DOTENV:\n',
      '.env': 'FROM_DOTENV=dotenv\n',
    });
    expect(result.project?.services[0]).toMatchObject({ environment: { FROM_DOTENV: 'dotenv' }, build: { args: { FROM_DOTENV: null } } });
  });

  test('explicit --env-files replace .env, a later one winning', () => {
    const files = { 'compose.yaml': compose, '.env': 'FROM_DOTENV=dotenv\nFROM_MACHINE=dotenv\n', 'a.env': 'FROM_DOTENV=a\n', 'b.env': 'FROM_DOTENV=b\n' };
    const result = loadCompose({
      files: [path.join(dir, 'compose.yaml')],
      envFiles: [path.join(dir, 'a.env'), path.join(dir, 'b.env')],
      environment: {},
      readFile: readFrom(files),
    });
    expect(result.project?.services[0]?.environment).toEqual({ FROM_DOTENV: 'b', FROM_MACHINE: null, EXPLICIT: 'x' });
  });

  test('a config with `environment:` gets its content from the env files; a secret never gets its value', () => {
    const result = load(
      {
        'compose.yaml':
          'services:\n  web:\n    image: nginx\n    configs: [site, other]\n    secrets: [token]\n' +
          'configs:\n  site: {environment: SITE}\n  other: {environment: OTHER}\nsecrets:\n  token: {environment: TOKEN}\n',
        '.env': 'SITE=site-content\nTOKEN=t0ken\n',
      },
      { OTHER: 'machine' },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.configs.site).toMatchObject({ environment: 'SITE', content: 'site-content' });
    expect(result.project?.configs.other?.content).toBeUndefined();
    expect(JSON.stringify(result.project?.secrets)).not.toContain('t0ken');
  });
});

describe('loadCompose casts interpolated values by path', () => {
  test('${VAR} in boolean and number fields becomes a boolean and a number', () => {
    const result = load(
      { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    read_only: ${RO}\n    deploy:\n      replicas: "${N}"\n    ports: ["${PORT}:80"]\n' },
      { RO: 'true', N: '3', PORT: '8080' },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.normalized).toMatchObject({
      services: { web: { read_only: true, deploy: { replicas: 3 }, ports: [{ target: 80, published: '8080' }] } },
    });
    expect(result.project?.services[0]).toMatchObject({ readOnly: true, deploy: { replicas: 3 } });
  });

  test('an interpolated value that is not a number is cast-invalid at the ${VAR}', () => {
    const result = load(
      { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${N}\n' },
      { N: 'many' },
    );
    expect(where(result.diagnostics)).toEqual([['cast-invalid', 5, 17]]);
  });
});

describe('loadCompose at scale', () => {
  const services = Array.from(
    { length: 1000 },
    (_, i) =>
      `  svc${i}:\n    image: app:${i}\n    ports: ["${10000 + i}:80"]\n    environment: [A=1, B]\n    volumes: ["data:/data", "./conf:/etc/conf:ro"]\n${i === 0 ? '' : '    depends_on: [svc0]\n'}    healthcheck: {test: curl -f localhost, interval: 10s}\n    deploy: {resources: {limits: {cpus: "0.5", memory: 256m}}}\n`,
  ).join('');
  const yaml = `services:\n${services}volumes:\n  data:\n`;

  // How long this takes is measured by the benchmark (npm run bench, bench/scaling-guards), not asserted here.
  test('1000 services: schema, normalize, cross-references and bind find nothing wrong', () => {
    const tree = loadComposeTree({ files: ['/srv/shop/compose.yaml'], environment: {}, readFile: () => yaml }).result?.tree as PMap;
    const normalized = normalize(tree, { workingDir: '/srv/shop', homeDir: '/home/dev' });
    const diagnostics = [...validateSchema(tree), ...normalized.diagnostics, ...validateSemantics(normalized.tree, () => true)];
    const project = bind(normalized.tree, { workingDir: '/srv/shop', files: [] });
    expect(diagnostics).toEqual([]);
    expect(project.services).toHaveLength(1000);
  });

  test('1000 services load end to end without errors', () => {
    const result = load({ 'compose.yaml': yaml });
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.services).toHaveLength(1000);
  });
});
