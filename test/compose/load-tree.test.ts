import * as path from 'path';
import { loadComposeTree } from '../../lib/compose/load-tree';
import { at, child, isMap, toPlain } from '../../lib/compose/tree';
import { describeCorpus } from '../support/corpus';
import { loadMemoryProject as load } from './memory-project';

function codes(result: ReturnType<typeof loadComposeTree>): string[] {
  return result.diagnostics.map((d) => d.code);
}

describe('loadComposeTree', () => {
  test('discovers compose.yaml plus its override and interpolates from .env', () => {
    const result = load({
      '/p/.env': 'TAG=1.2\n',
      '/p/compose.yaml': 'services:\n  web:\n    image: app:${TAG}\n    ports: ["80:80"]\n',
      '/p/compose.override.yml': 'services:\n  web:\n    ports: ["8080:8080"]\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.result?.files).toEqual(['/p/compose.yaml', '/p/compose.override.yml']);
    expect(result.result?.environment).toEqual({ TAG: '1.2' });
    expect(toPlain(at(result.result?.tree, 'services.web')!)).toEqual({ image: 'app:1.2', ports: ['80:80', '8080:8080'] });
  });

  test('COMPOSE_FILE from the environment picks the files, split on COMPOSE_PATH_SEPARATOR', () => {
    const result = load(
      { '/p/a.yml': 'services: {a: {image: a}}', '/p/b.yml': 'services: {b: {image: b}}', '/p/compose.yaml': 'services: {c: {image: c}}' },
      { environment: { COMPOSE_FILE: 'a.yml;b.yml', COMPOSE_PATH_SEPARATOR: ';' } },
    );
    expect(result.result?.files).toEqual(['/p/a.yml', '/p/b.yml']);
    expect(Object.keys(toPlain(child(result.result?.tree, 'services')!) as object)).toEqual(['a', 'b']);
  });

  test('an explicit --env-file replaces .env; the process environment wins over it', () => {
    const result = load(
      { '/p/.env': 'A=dotenv\n', '/p/custom.env': 'A=custom\nB=custom\n', '/p/c.yml': 'services: {web: {image: "${A}-${B}"}}' },
      { files: ['/p/c.yml'], envFiles: ['/p/custom.env'], environment: { B: 'process' } },
    );
    expect(at(result.result?.tree, 'services.web.image')).toMatchObject({ value: 'custom-process' });
  });

  test('COMPOSE_DISABLE_ENV_FILE skips the default .env', () => {
    const files = { '/p/.env': 'TAG=env\n', '/p/compose.yaml': 'services: {web: {image: "app:${TAG:-none}"}}' };
    const result = load(files, { environment: { COMPOSE_DISABLE_ENV_FILE: 'true' } });
    expect(at(result.result?.tree, 'services.web.image')).toMatchObject({ value: 'app:none' });
  });

  test('no compose file is an error', () => {
    expect(codes(load({}, { workingDir: '/nowhere' }))).toEqual(['compose-file-not-found']);
  });

  test('a missing -f file is an error and there is no result', () => {
    const result = load({}, { files: ['/p/missing.yml'] });
    expect(result.result).toBeUndefined();
    expect(codes(result)).toEqual(['file-not-found']);
  });

  test('a comment-only override merges as nothing; an empty project is an error', () => {
    expect(load({ '/p/a.yml': 'services: {a: {image: a}}', '/p/b.yml': '# nothing\n' }, { files: ['/p/a.yml', '/p/b.yml'] }).diagnostics).toEqual([]);
    expect(codes(load({ '/p/a.yml': '# nothing\n' }, { files: ['/p/a.yml'] }))).toEqual(['compose-empty']);
  });

  test('profiles from --profile, else COMPOSE_PROFILES', () => {
    const files = { '/p/compose.yaml': 'services:\n  web: {image: w}\n  debug: {image: d, profiles: [dev]}\n' };
    const names = (r: ReturnType<typeof loadComposeTree>): string[] => Object.keys(toPlain(child(r.result?.tree, 'services')!) as object);
    expect(names(load(files))).toEqual(['web']);
    expect(load(files).result?.disabledServices).toEqual(['debug']);
    expect(names(load(files, { environment: { COMPOSE_PROFILES: 'dev' } }))).toEqual(['web', 'debug']);
    expect(names(load(files, { profiles: ['ops'], environment: { COMPOSE_PROFILES: 'dev' } }))).toEqual(['web']);
  });

  test('every problem of every file is reported with its position', () => {
    const result = load(
      { '/p/a.yml': 'services:\n  web:\n    image: a\n    image: b\n', '/p/b.yml': 'services:\n  db:\n    image: ${PG:?set PG}\n' },
      { files: ['/p/a.yml', '/p/b.yml'] },
    );
    expect(result.result).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.pos?.file, d.pos?.line, d.pos?.column])).toEqual([
      ['yaml-duplicate-key', '/p/a.yml', 4, 5],
      ['interpolation-required-unset', '/p/b.yml', 3, 12],
    ]);
  });
});

describeCorpus('loadComposeTree over the corpus', (cases) => {
  test.each(cases.map((c) => [c.id, c] as const))('%s loads without errors', (_id, corpusCase) => {
    const result = loadComposeTree({
      files: [...corpusCase.files],
      envFiles: [...corpusCase.envFiles],
      profiles: [...corpusCase.profiles],
      environment: { ...corpusCase.env },
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const services = child(result.result?.tree, 'services');
    expect(isMap(services)).toBe(true);
    const total = (isMap(services) ? services.entries.length : 0) + (result.result?.disabledServices.length ?? 0);
    expect(total).toBe(corpusCase.expectedServices);
    expect(result.result?.workingDir).toBe(path.dirname(corpusCase.files[0]!));
  });
});
