import { at, child, toPlain } from '../../lib/compose/tree';
import { loadMemoryProject, located } from './memory-project';

describe('include', () => {
  test('adds the included project resources, interpolated with its own .env and paths made absolute', () => {
    const result = loadMemoryProject(
      {
        '/p/compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web: {image: web, depends_on: [db]}\n',
        '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG}\n    volumes: ["./init:/docker-entrypoint-initdb.d"]\nvolumes:\n  pgdata: {}\n',
        '/p/db/.env': 'PG=16\n',
      },
    );
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(result.result!.tree)).toEqual({
      services: {
        web: { image: 'web', depends_on: ['db'] },
        db: { image: 'postgres:16', volumes: ['/p/db/init:/docker-entrypoint-initdb.d'] },
      },
      volumes: { pgdata: {} },
    });
  });

  test('long form with env_file and project_directory; the including environment wins', () => {
    const result = loadMemoryProject(
      {
        '/p/compose.yaml': 'include:\n  - path: [lib/a.yml, lib/b.yml]\n    env_file: lib/custom.env\n    project_directory: lib\n',
        '/p/lib/a.yml': 'services:\n  a: {image: "${IMG}:${TAG}"}\n',
        '/p/lib/b.yml': 'services:\n  a: {restart: always}\n',
        '/p/lib/custom.env': 'IMG=from-file\nTAG=from-file\n',
      },
      { environment: { TAG: 'from-process' } },
    );
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(child(result.result!.tree, 'services')!)).toEqual({ a: { image: 'from-file:from-process', restart: 'always' } });
  });

  test('a resource defined on both sides is merged, the including file winning', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'include: [inc.yml]\nservices:\n  web: {image: mine, ports: ["81:81"]}\n',
      '/p/inc.yml': 'services:\n  web: {image: theirs, restart: always, ports: ["80:80"]}\n',
    });
    expect(toPlain(at(result.result!.tree, 'services.web')!)).toEqual({ image: 'mine', restart: 'always', ports: ['80:80', '81:81'] });
  });

  test('an include cycle is an error at the include entry', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'include:\n  - a.yml\nservices: {web: {image: w}}\n',
      '/p/a.yml': 'include:\n  - compose.yaml\n',
    });
    expect(result.result).toBeUndefined();
    expect(located(result)).toEqual([['include-cycle', '/p/a.yml', 2, 5]]);
  });

  test('an invalid entry and a missing file are errors', () => {
    expect(located(loadMemoryProject({ '/p/compose.yaml': 'include:\n  - {env_file: x.env}\n' }))).toEqual([
      ['include-invalid', '/p/compose.yaml', 2, 5],
    ]);
    expect(loadMemoryProject({ '/p/compose.yaml': 'include: [gone.yml]\n' }).diagnostics.map((d) => [d.code, d.value])).toEqual([
      ['file-not-found', '/p/gone.yml'],
    ]);
  });

  test('a local service may extend an included one: include runs before extends', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'include: [base.yml]\nservices:\n  web: {extends: app, command: [serve]}\n',
      '/p/base.yml': 'services:\n  app: {image: app, restart: always}\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(at(result.result!.tree, 'services.web')!)).toEqual({ image: 'app', restart: 'always', command: ['serve'] });
  });

  test('includes nested deeper than the loader follows are an error, not a stack overflow', () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`/p/${i === 0 ? 'compose' : `f${i}`}.yaml`, `include: [f${i + 1}.yaml]\nservices:\n  s${i}: {image: a}\n`]));
    files['/p/f40.yaml'] = 'services:\n  last: {image: a}\n';
    const result = loadMemoryProject(files);
    expect(result.diagnostics.map((d) => d.code)).toContain('include-too-deep');
  });
});

