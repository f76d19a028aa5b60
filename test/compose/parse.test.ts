import { parseCompose } from '../../lib/compose/parse';
import { at, toPlain } from '../../lib/compose/tree';

function parse(yaml: string): ReturnType<typeof parseCompose> {
  return parseCompose(yaml, 'compose.yaml');
}

function where(result: ReturnType<typeof parseCompose>): Array<[string, number | undefined, number | undefined]> {
  return result.diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column]);
}

describe('parseCompose', () => {
  test('keeps positions of keys and values', () => {
    const [tree] = parse('services:\n  web:\n    image: "nginx"\n    ports:\n      - 80:80\n').result!;
    const web = at(tree, 'services.web');
    expect(web?.kind === 'map' && web.entries[0]?.keyPos).toEqual({ file: 'compose.yaml', line: 3, column: 5 });
    expect(at(tree, 'services.web.image')).toEqual({ kind: 'scalar', value: 'nginx', quoted: true, pos: { file: 'compose.yaml', line: 3, column: 12 } });
    expect(at(tree, 'services.web.ports.0')).toMatchObject({ value: '80:80', pos: { line: 5, column: 9 } });
  });

  test('core schema scalars: numbers and booleans stay typed, yes/no stay strings', () => {
    const [tree] = parse('a: 80\nb: 1.5\nc: true\nd: yes\ne: ~\nf: "80"\n').result!;
    expect(toPlain(tree!)).toEqual({ a: 80, b: 1.5, c: true, d: 'yes', e: null, f: '80' });
  });

  test('anchors, aliases and merge keys, including a list of aliases where earlier sources win', () => {
    const yaml = [
      'x-a: &a {image: a, restart: always}',
      'x-b: &b {image: b, user: "1000"}',
      'services:',
      '  web:',
      '    <<: [*a, *b]',
      '    restart: "no"',
      '  worker: *a',
    ].join('\n');
    const [tree] = parse(yaml).result!;
    expect(toPlain(at(tree, 'services')!)).toEqual({
      web: { image: 'a', restart: 'no', user: '1000' },
      worker: { image: 'a', restart: 'always' },
    });
    // A merged value keeps the position where it was written, inside the anchor.
    expect(at(tree, 'services.web.image')?.pos).toEqual({ file: 'compose.yaml', line: 1, column: 17 });
  });

  test('!reset and !override tags stay on their nodes, of any kind, without warnings', () => {
    const result = parse('services:\n  web:\n    ports: !reset []\n    image: !override nginx\n    deploy: !override {replicas: 2}\n    cpus: !override 1.5\n');
    expect(result.diagnostics).toEqual([]);
    const [tree] = result.result!;
    expect(at(tree, 'services.web.ports')).toMatchObject({ kind: 'seq', tag: '!reset' });
    expect(at(tree, 'services.web.image')).toMatchObject({ value: 'nginx', tag: '!override' });
    expect(at(tree, 'services.web.deploy')).toMatchObject({ kind: 'map', tag: '!override' });
    expect(at(tree, 'services.web.cpus')).toMatchObject({ value: 1.5, tag: '!override' });
  });

  test('plain numbers resolve as go-yaml does: octal leading zero, underscores, binary; quoted stay strings', () => {
    const [tree] = parse('a: 0440\nb: 1_000\nc: 0b101\nd: 0o17\ne: 0x1F\nf: 08\ng: "0440"\nh: 1e3\ni: 1.2.3\n').result!;
    expect(toPlain(tree!)).toEqual({ a: 288, b: 1000, c: 5, d: 15, e: 31, f: 8, g: '0440', h: 1000, i: '1.2.3' });
  });

  test('quoted numeric keys are strings', () => {
    expect(toPlain(parse('ports:\n  "80": web\n').result![0]!)).toEqual({ ports: { '80': 'web' } });
  });

  test('an empty or comment-only file has no documents; several documents are all returned', () => {
    expect(parse('')).toEqual({ result: [], diagnostics: [] });
    expect(parse('# just a comment\n')).toEqual({ result: [], diagnostics: [] });
    expect(parse('a: 1\n---\nb: 2\n').result!.map(toPlain)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  test.each([
    ['duplicate key', 'services:\n  web:\n    image: a\n    image: b\n', 'yaml-duplicate-key', 4, 5],
    ['duplicate key, quoted differently', 'services:\n  "web": {}\n  \'web\': {}\n', 'yaml-duplicate-key', 3, 3],
    ['duplicate key in a flow mapping', 'x: {a: 1, b: 2, a: 3}\n', 'yaml-duplicate-key', 1, 17],
    ['duplicate key among thousands', `services:\n${Array.from({ length: 3000 }, (_, i) => `  s${i}: {}\n`).join('')}  s7: {}\n`, 'yaml-duplicate-key', 3002, 3],
    ['syntax error', 'services:\n  web: [a, b\n', 'yaml-syntax', 3, 1],
    ['bad indentation', 'services:\n  web:\n    image: a\n   ports: []\n', 'yaml-syntax', 4, 1],
    ['top-level sequence', '- web\n- db\n', 'yaml-top-level-not-mapping', 1, 1],
    ['top-level scalar', 'hello\n', 'yaml-top-level-not-mapping', 1, 1],
    ['top-level null', '~\n', 'yaml-top-level-not-mapping', 1, 1],
    ['collection key', '? [a, b]\n: c\n', 'yaml-non-string-key', 1, 3],
    ['numeric key', 'labels:\n  80: web\n', 'yaml-non-string-key', 2, 3],
    ['boolean key', 'labels:\n  true: web\n', 'yaml-non-string-key', 2, 3],
  ])('fails on %s with a positioned error', (_name, yaml, code, line, column) => {
    const result = parse(yaml);
    expect(result.result).toBeUndefined();
    expect(where(result)[0]).toEqual([code, line, column]);
  });

  test('an unknown tag is a warning and the value is kept', () => {
    const result = parse('a: !custom value\n');
    expect(where(result)).toEqual([['yaml-unknown-tag', 1, 4]]);
    expect(toPlain(result.result![0]!)).toEqual({ a: 'value' });
  });

  test('a billion-laughs file fails fast with a clear error', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const result = parse(levels.join('\n'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.result).toBeUndefined();
    // At the outermost alias whose expansion broke the budget (d: expands c, which expands b, ...).
    expect(where(result)).toEqual([['yaml-alias-limit', 4, 8]]);
  });

  test('many aliases that expand to little load, as in go-yaml v3 (a real 57-service file uses 142)', () => {
    const lines = ['x-env: &env {A: "1", B: "2", C: "3"}', 'x-dep: &dep [db]', 'services:', '  db: {image: "postgres:16"}'];
    for (let i = 0; i < 150; i++) lines.push(`  s${i}: {image: "a/b:1", environment: *env, depends_on: *dep}`);
    const result = parse(lines.join('\n'));
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys((toPlain(result.result![0]!) as { services: object }).services)).toHaveLength(151);
  });

  test.each([
    ['a sequence holding its own alias', 'x: &a [*a]\n', 1, 8],
    ['a mapping merging itself', 'x: &a {b: 1, <<: *a}\n', 1, 18],
  ])('%s is an error at the alias, not a stack overflow', (_what, yaml, line, column) => {
    expect(where(parse(yaml))).toEqual([['yaml-alias-cycle', line, column]]);
  });
});
