import * as path from 'path';
import { hasErrors } from '../../lib/errors';
import { loadCompose } from '../../lib/compose';

/** An in-memory project: file name to text, under /srv/shop. */
function load(files: Record<string, string>, environment: Record<string, string> = {}, projectName?: string) {
  const dir = '/srv/shop';
  return loadCompose({
    projectName,
    files: Object.keys(files).map((f) => path.join(dir, f)),
    environment: { HOME: '/home/dev', ...environment },
    readFile: (file) => {
      const text = files[path.relative(dir, file)];
      if (text === undefined) throw new Error(`ENOENT ${file}`);
      return text;
    },
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
