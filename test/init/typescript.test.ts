import fc from 'fast-check';
import { tsIdentifier, tsString, tsValue } from '../../lib/init/typescript';

/** Evaluates generated source as JavaScript, as the TypeScript compiler would emit it for these literals. */
const evaluate = (source: string): unknown => new Function(`return (${source});`)();

const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', '\n', '`', '$', '{', '}', '\\', "'", '"', '\r', '\t', '\u2028', '\u0000') }));
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 4 })),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('name', 'a-b', '0', 'class', '__proto__')), tie('value'), { maxKeys: 5 }),
})).value;

describe('TypeScript literals', () => {
  test('every string reads back as itself, including template-literal ones', () => {
    fc.assert(fc.property(text, (s) => expect(evaluate(tsString(s))).toBe(s)), { seed: 5, numRuns: 3000 });
  });

  test('plain data reads back equal', () => {
    fc.assert(fc.property(data, (v) => expect(evaluate(tsValue(v))).toEqual(v)), { seed: 5, numRuns: 1000 });
  });

  test('multi-line text is a template literal; short scalar lists and objects stay on one line', () => {
    expect(tsString('a\nb')).toBe('`a\nb`');
    expect(tsValue({ ports: [{ name: 'http', port: 8000 }], command: ['sh', '-c', 'run'] })).toBe("{\n  ports: [\n    { name: 'http', port: 8000 },\n  ],\n  command: ['sh', '-c', 'run'],\n}");
  });

  test('identifiers are camelCase and never reserved words', () => {
    expect(tsIdentifier('orders-db')).toBe('ordersDb');
    expect(tsIdentifier('2fa_api')).toBe('service2faApi');
    expect(tsIdentifier('class')).toBe('classService');
  });
});
