import { at, toPlain } from '../../lib/compose/tree';
import { loadMemoryProject, located } from './memory-project';

describe('extends', () => {
  test('same file: the extending service is merged over the extended one with the override rules', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': [
        'services:',
        '  base:',
        '    image: app',
        '    environment: {A: "1", B: "2"}',
        '    command: [run, base]',
        '    ports: ["80:80"]',
        '  web:',
        '    extends: base',
        '    environment: [B=3]',
        '    command: [run, web]',
        '    ports: ["443:443"]',
      ].join('\n'),
    });
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(at(result.result?.tree, 'services.web')!)).toEqual({
      image: 'app',
      environment: ['A=1', 'B=3'],
      command: ['run', 'web'],
      ports: ['80:80', '443:443'],
    });
  });

  test('chains resolve recursively, whatever the order of the services', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'services:\n  c: {extends: b, user: "3"}\n  b: {extends: {service: a}, restart: always}\n  a: {image: a}\n',
    });
    expect(toPlain(at(result.result?.tree, 'services.c')!)).toEqual({ image: 'a', restart: 'always', user: '3' });
  });

  test('other file: relative paths of the extended service are made absolute against its directory', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'services:\n  web:\n    extends: {file: common/base.yml, service: app}\n    image: web\n',
      '/p/common/base.yml': [
        'services:',
        '  app:',
        '    build: ./src',
        '    env_file: [app.env]',
        '    volumes: ["./data:/data", "named:/named"]',
        '  unused: {extends: {file: ../missing.yml, service: x}}',
      ].join('\n'),
    });
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(at(result.result?.tree, 'services.web')!)).toEqual({
      build: '/p/common/src',
      env_file: ['/p/common/app.env'],
      volumes: ['/p/common/data:/data', 'named:/named'],
      image: 'web',
    });
  });

  test('!reset in the extending service removes an inherited attribute', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'services:\n  base: {image: a, ports: ["80:80"]}\n  web:\n    extends: base\n    ports: !reset []\n',
    });
    expect(toPlain(at(result.result?.tree, 'services.web')!)).toEqual({ image: 'a' });
  });

  test.each([
    ['a cycle', 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n', 'extends-cycle', 3, 14],
    ['a missing service', 'services:\n  a:\n    extends: nope\n', 'extends-service-not-found', 3, 14],
    ['a missing service name', 'services:\n  a:\n    extends: {file: other.yml}\n', 'extends-invalid', 3, 14],
  ])('fails on %s at the extends', (_name, yaml, code, line, column) => {
    const result = loadMemoryProject({ '/p/compose.yaml': yaml });
    expect(result.result).toBeUndefined();
    expect(located(result)).toEqual([[code, '/p/compose.yaml', line, column]]);
  });

  test('a missing extended file is an error at the file key', () => {
    const result = loadMemoryProject({ '/p/compose.yaml': 'services:\n  a:\n    extends: {file: gone.yml, service: x}\n' });
    expect(result.diagnostics.map((d) => [d.code, d.value, d.pos?.line, d.pos?.column])).toEqual([['file-not-found', '/p/gone.yml', 3, 21]]);
  });

  test('a cycle across files names each service with its own file', () => {
    const result = loadMemoryProject({
      '/p/compose.yaml': 'services:\n  a:\n    extends: {file: b.yaml, service: b}\n',
      '/p/b.yaml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n',
    });
    expect(result.diagnostics.map((d) => d.message)).toEqual(['circular extends: /p/compose.yaml:a -> /p/b.yaml:b -> /p/compose.yaml:a']);
  });

  test('an extended file outside the project is refused at the file key', () => {
    const result = loadMemoryProject({ '/p/compose.yaml': 'services:\n  a:\n    extends: {file: ../elsewhere.yml, service: x}\n', '/elsewhere.yml': 'services:\n  x: {image: a}\n' });
    expect(result.diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([['file-refused', 3, 21]]);
  });

  test('a chain of extends longer than the loader follows is an error, not a stack overflow', () => {
    const services = Array.from({ length: 100 }, (_, i) => `  s${i}:\n    image: a\n${i < 99 ? `    extends: s${i + 1}\n` : ''}`).join('');
    const result = loadMemoryProject({ '/p/compose.yaml': `services:\n${services}` });
    expect(result.diagnostics.map((d) => d.code)).toContain('extends-too-deep');
  });
});
