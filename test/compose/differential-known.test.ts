import { findKnown, type KnownDifference } from './differential-known';

const at = (...path: (string | number)[]) => ({ path, theirs: 1, ours: 2 });

describe('findKnown', () => {
  const env: KnownDifference = { path: 'services.*.environment.**', reason: 'r1' };
  const name: KnownDifference = { path: 'name', cases: ['real/a#1'], reason: 'r2' };
  const known = [env, name];

  test('`*` matches one segment and a trailing `**` any rest, including none', () => {
    expect(findKnown('x', at('services', 'web', 'environment', 'FOO'), known)).toBe(env);
    expect(findKnown('x', at('services', 'web', 'environment'), known)).toBe(env);
    expect(findKnown('x', at('services', 'web', 'ports', 0), known)).toBeUndefined();
    expect(findKnown('x', at('networks', 'web', 'environment'), known)).toBeUndefined();
  });

  test('a segment ending in `*` matches keys with that prefix', () => {
    const ext: KnownDifference = { path: 'services.*.x-*', reason: 'r3' };
    expect(findKnown('x', at('services', 'web', 'x-webstack'), [ext])).toBe(ext);
    expect(findKnown('x', at('services', 'web', 'image'), [ext])).toBeUndefined();
  });

  test('`ours` limits an entry to differences where our side is null or absent', () => {
    const nullOnly: KnownDifference = { path: 'a', ours: 'null', reason: 'r4' };
    const absentOnly: KnownDifference = { path: 'a', ours: 'absent', reason: 'r5' };
    expect(findKnown('x', { path: ['a'], theirs: 'v', ours: null }, [nullOnly, absentOnly])).toBe(nullOnly);
    expect(findKnown('x', { path: ['a'], theirs: 'v', ours: undefined }, [nullOnly, absentOnly])).toBe(absentOnly);
    expect(findKnown('x', { path: ['a'], theirs: 'v', ours: 'w' }, [nullOnly, absentOnly])).toBeUndefined();
  });

  test('a pattern without `**` matches its own depth only', () => {
    expect(findKnown('real/a#1', at('name'), known)).toBe(name);
    expect(findKnown('real/a#1', at('name', 'x'), known)).toBeUndefined();
  });

  test('entries limited to cases apply nowhere else', () => {
    expect(findKnown('real/a#2', at('name'), known)).toBeUndefined();
  });
});
