import fc from 'fast-check';
import * as YAML from 'yaml';
import { Testing } from 'cdk8s';
import { stringifyManifests, stringifyWithLibrary } from '../lib/yaml-output';
import { defineExampleStack } from '../lib/example';

// Counts the library's calls; otherwise the library itself.
jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, stringify: jest.fn(actual.stringify) };
});

/** Characters YAML gives a meaning to somewhere (indicators, comments, quotes, line breaks, BOM, NEL). */
const yamlAlphabet = fc.constantFrom(...' :#-?"\'\n\t\r~&*!|>%@`[]{},._+\\0178aeoxybn\u00e9\u0085\u2028\ufeff'.split(''));
/** Strings that resolve to something else in YAML 1.1 or in Go, or that need quoting. */
const trickyString = fc.constantFrom('', ' ', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', 'true', '0o17', '0b101', '0x1F', '017', '1_000', '5', '-5', '1e3', '.inf', '12:30', '2024-01-02', '- a', 'a: b', '#x', 'a #b', '---', '...', '? x', '@x', '%x', 'x\n', '\ty', 'a'.repeat(1100));
const scalar = fc.oneof(
  fc.string({ unit: yamlAlphabet, maxLength: 8 }),
  fc.string({ maxLength: 8 }),
  trickyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(fc.string({ unit: yamlAlphabet, maxLength: 6 }), trickyString, fc.constantFrom('name', 'metadata', 'spec'));
const manifestLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), fc.array(tie('value'), { maxLength: 4 })),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).map;

describe('stringifyManifests', () => {
  test('writes every document exactly as the library does (layout and scalar styles)', () => {
    fc.assert(
      fc.property(fc.array(manifestLike, { minLength: 1, maxLength: 4 }), (objects) => {
        expect(stringifyManifests(objects)).toBe(objects.map(stringifyWithLibrary).join('---\n'));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  test('the example stack comes out as cdk8s writes it', () => {
    const manifests = Testing.synth(defineExampleStack(Testing.app()));
    expect(stringifyManifests(manifests)).toBe(manifests.map((m) => YAML.stringify(m, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n'));
  });

  test('asks the library once per distinct scalar, not once per object', () => {
    const deployment = (i: number) => ({ kind: 'Deployment', metadata: { name: `api-${i % 10}`, labels: { app: 'api' } }, spec: { replicas: 2, ports: [{ port: 8000 }] } });
    const stringify = YAML.stringify as jest.Mock;
    stringify.mockClear();
    stringifyManifests(Array.from({ length: 500 }, (_, i) => deployment(i)));
    // Keys kind, metadata, name, labels, app, spec, replicas, ports, port; values Deployment, 10 names, api, 2, 8000.
    expect(stringify.mock.calls.length).toBeLessThanOrEqual(9 + 14);
  });

  test('a Go integer in a form YAML 1.1 leaves plain is double-quoted, as key and as value', () => {
    expect(stringifyManifests([{ data: { '0o17': '0b101', list: ['0x1F', '1_000'] } }])).toBe('data:\n  "0o17": "0b101"\n  list:\n    - "0x1F"\n    - "1_000"\n');
  });
});
