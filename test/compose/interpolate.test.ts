import { interpolateTree } from '../../lib/compose/interpolate';
import { parseCompose } from '../../lib/compose/parse';
import { substitute } from '../../lib/compose/template';
import { at, toPlain, type PMap } from '../../lib/compose/tree';

const env: Record<string, string> = { SET: 'value', EMPTY: '', PORT: '8080' };
const lookup = (name: string): string | undefined => env[name];

function tree(yaml: string): PMap {
  const parsed = parseCompose(yaml, 'compose.yaml');
  if (!parsed.result?.[0]) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.result[0];
}

describe('substitute', () => {
  test.each([
    ['$SET and ${SET}', 'value and value'],
    ['$$SET costs 5$ and $', '$SET costs 5$ and $'],
    ['${UNSET:-d} ${EMPTY:-d} ${SET:-d}', 'd d value'],
    ['${UNSET-d} ${EMPTY-d} ${SET-d}', 'd  value'],
    ['${UNSET:+a} ${EMPTY:+a} ${SET:+a}', '  a'],
    ['${UNSET+a} ${EMPTY+a} ${SET+a}', ' a a'],
    ['${SET:?boom} ${EMPTY?ok}', 'value '],
    ['${UNSET:-${SET}} ${UNSET:-${UNSET2:-deep}}', 'value deep'],
    ['${UNSET:-{x}}', '{x}'],
    ['http://${SET}:${PORT}/x', 'http://value:8080/x'],
  ])('%s', (template, expected) => {
    expect(substitute(template, lookup).value).toBe(expected);
  });

  test('an unused operand is not evaluated (compose-go v2.16)', () => {
    const result = substitute('${SET:-${NOPE:?never}}', lookup);
    expect(result).toEqual({ value: 'value', problems: [] });
  });

  test.each([
    ['${UNSET:?need it}', 'required-unset', 0],
    ['x ${EMPTY:?need it}', 'required-unset', 2],
    ['${UNSET?}', 'required-unset', 0],
    ['ok ${}', 'syntax', 3],
    ['${SET:x}', 'syntax', 0],
    ['${SET', 'syntax', 0],
  ])('fails on %s', (template, kind, offset) => {
    const result = substitute(template, lookup);
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([expect.objectContaining({ kind, offset })]);
  });

  test('an unset variable warns and becomes empty', () => {
    expect(substitute('a${NOPE}b$NOPE2', lookup)).toEqual({
      value: 'ab',
      problems: [expect.objectContaining({ kind: 'unset', offset: 1, name: 'NOPE' }), expect.objectContaining({ kind: 'unset', offset: 9, name: 'NOPE2' })],
    });
  });
});

describe('interpolateTree', () => {
  test('substitutes string values only, keeps keys, numbers and x- extensions interpolated', () => {
    const result = interpolateTree(
      tree(['x-img: ${SET}', 'services:', '  ${SET}:', '    image: "img:${SET}"', '    read_only: ${EMPTY:-true}', '    cpus: 1.5', ''].join('\n')),
      lookup,
    );
    expect(result.diagnostics).toEqual([]);
    expect(toPlain(result.result!)).toEqual({
      'x-img': 'value',
      services: { '${SET}': { image: 'img:value', read_only: 'true', cpus: 1.5 } },
    });
  });

  test('keeps the position and quoting of a substituted scalar', () => {
    const result = interpolateTree(tree('services:\n  web:\n    image: "${SET}"\n'), lookup);
    expect(at(result.result, 'services.web.image')).toMatchObject({ value: 'value', quoted: true, pos: { line: 3, column: 12 } });
  });

  test('fails a required variable at the column of its ${', () => {
    const result = interpolateTree(tree('services:\n  db:\n    environment:\n      PW: pre-${DB_PASSWORD:?set it}\n'), lookup);
    expect(result.result).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'interpolation-required-unset',
        severity: 'error',
        path: 'services.db.environment.PW',
        pos: { file: 'compose.yaml', line: 4, column: 15 },
      }),
    ]);
  });

  test('counts the opening quote of a quoted scalar', () => {
    const result = interpolateTree(tree("services:\n  web:\n    image: 'a${NOPE}'\n"), lookup);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'interpolation-unset', severity: 'warning', pos: { file: 'compose.yaml', line: 3, column: 14 } }),
    ]);
    expect(at(result.result, 'services.web.image')).toMatchObject({ value: 'a' });
  });

  test('reports an invalid template inside a sequence', () => {
    const result = interpolateTree(tree('services:\n  web:\n    command: [echo, "${}"]\n'), lookup);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'interpolation-syntax', path: 'services.web.command.1', pos: { file: 'compose.yaml', line: 3, column: 22 } }),
    ]);
  });
});
