import { promoteAliases } from '../../lib/compose/aliases';
import { parseCompose } from '../../lib/compose/parse';
import { toPlain } from '../../lib/compose/tree';

function promote(yaml: string): unknown {
  const result = promoteAliases(parseCompose(yaml, 'compose.yaml').result![0]!);
  expect(result.diagnostics).toEqual([]);
  return toPlain(result.result!);
}

describe('promoteAliases', () => {
  test('x-develop becomes develop and x-initialSync becomes initial_sync inside its watch rules', () => {
    expect(promote('services:\n  web:\n    x-develop:\n      watch: [{path: ./src, action: sync, x-initialSync: true}]\n')).toEqual({
      services: { web: { develop: { watch: [{ path: './src', action: 'sync', initial_sync: true }] } } },
    });
  });

  test('the attribute wins over the extension it is merged with', () => {
    expect(promote('services:\n  web:\n    develop: {watch: [{path: b, action: rebuild}]}\n    x-develop: {watch: [{path: a, action: rebuild}]}\n')).toEqual({
      services: { web: { develop: { watch: [{ path: 'a', action: 'rebuild' }, { path: 'b', action: 'rebuild' }] } } },
    });
  });

  test('extensions elsewhere and services named like extensions are left alone', () => {
    const yaml = 'x-develop: {a: 1}\nservices:\n  x-develop: {image: a, x-initialSync: true}\n';
    expect(promote(yaml)).toEqual({ 'x-develop': { a: 1 }, services: { 'x-develop': { image: 'a', 'x-initialSync': true } } });
  });
});
