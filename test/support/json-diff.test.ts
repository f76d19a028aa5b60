import { diffJson, formatPath, formatValue } from './json-diff';

describe('diffJson', () => {
  test('equal documents have no difference', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  test('reports a changed scalar at its path', () => {
    expect(diffJson({ s: { web: { ports: [{ published: '80' }] } } }, { s: { web: { ports: [{ published: 80 }] } } })).toEqual([
      { path: ['s', 'web', 'ports', 0, 'published'], theirs: '80', ours: 80 },
    ]);
  });

  test('reports a key missing on one side once, with its whole subtree', () => {
    expect(diffJson({ a: { deep: { x: 1 } } }, {})).toEqual([{ path: ['a'], theirs: { deep: { x: 1 } }, ours: undefined }]);
  });

  test('reports extra list items by index', () => {
    expect(diffJson([1], [1, 2])).toEqual([{ path: [1], theirs: undefined, ours: 2 }]);
  });

  test('tells null from absent and a list from a map', () => {
    expect(diffJson({ a: null }, {})).toHaveLength(1);
    expect(diffJson({ a: [] }, { a: {} })).toEqual([{ path: ['a'], theirs: [], ours: {} }]);
  });
});

describe('formatting', () => {
  test('brackets keys that contain dots', () => {
    expect(formatPath(['services', 'web', 'labels', 'traefik.enable'])).toBe('services.web.labels["traefik.enable"]');
    expect(formatPath(['services', 'web', 'ports', 0])).toBe('services.web.ports.0');
  });

  test('shortens long values and names absence', () => {
    expect(formatValue(undefined)).toBe('(absent)');
    expect(formatValue('x'.repeat(200), 10)).toHaveLength(10);
  });
});
