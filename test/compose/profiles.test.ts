import { parseCompose } from '../../lib/compose/parse';
import { selectProfiles } from '../../lib/compose/profiles';
import { child, isMap } from '../../lib/compose/tree';

const tree = parseCompose(
  ['services:', '  web: {image: w}', '  debug:', '    image: d', '    profiles: [dev, debug]', '  ops: {image: o, profiles: [ops]}'].join('\n'),
  'compose.yaml',
).result![0]!;

function active(selected: string[]): string[] | undefined {
  const services = child(selectProfiles(tree, selected).result?.tree, 'services');
  return isMap(services) ? services.entries.map((e) => e.key) : undefined;
}

describe('selectProfiles', () => {
  test.each([
    [[], ['web']],
    [['dev'], ['web', 'debug']],
    [['debug', 'ops'], ['web', 'debug', 'ops']],
    [['*'], ['web', 'debug', 'ops']],
    [['other'], ['web']],
  ])('profiles %j keep %j', (selected, expected) => {
    expect(active(selected)).toEqual(expected);
  });

  test('each skipped service is an info at its profiles, and listed as disabled', () => {
    const result = selectProfiles(tree, ['dev']);
    expect(result.result?.disabledServices).toEqual(['ops']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'profiles-inactive-service', severity: 'info', pos: { file: 'compose.yaml', line: 6, column: 29 } }),
    ]);
  });

  test('fails when no service is active', () => {
    const onlyProfiled = parseCompose('services:\n  ops: {image: o, profiles: [ops]}\n', 'compose.yaml').result![0]!;
    const result = selectProfiles(onlyProfiled, []);
    expect(result.result).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.pos?.line, d.pos?.column])).toEqual([
      ['profiles-inactive-service', 2, 29],
      ['profiles-no-services', 2, 3],
    ]);
  });
});
