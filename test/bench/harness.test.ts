import { hotSpots } from '../../bench/cpu-top';
import { summarize } from '../../bench/stats';

describe('bench/stats', () => {
  test('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(summarize([5, 1, 3])).toEqual({ runs: 3, median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 10])).toEqual({ runs: 4, median: 3.5, min: 1, max: 10 });
  });

  test('fails without values', () => {
    expect(() => summarize([])).toThrow(/at least one/);
  });
});

describe('bench/cpu-top', () => {
  // main (ours) -> walk (ours, recursing into itself) -> parse (a library); one sample in each, 1 ms apart.
  const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('main', 'file:///repo/build/bin/app.js', 0), children: [2] },
      { id: 2, callFrame: frame('walk', 'file:///repo/build/lib/walk.js', 9), children: [3] },
      { id: 3, callFrame: frame('walk', 'file:///repo/build/lib/walk.js', 9), children: [4] },
      { id: 4, callFrame: frame('parse', 'file:///repo/node_modules/yaml/dist/parse.js', 41), children: [] },
    ],
    samples: [1, 3, 4, 4],
    timeDeltas: [1000, 1000, 1000, 1000],
  };

  test('self time by function and module, with 1-based lines and package-relative modules', () => {
    const { functions, modules, totalMs } = hotSpots(profile, 10);
    expect(totalMs).toBe(4);
    expect(functions.map((f) => [f.name, f.selfMs])).toEqual([
      ['parse yaml/dist/parse.js:42', 2],
      ['main build/bin/app.js:1', 1],
      ['walk build/lib/walk.js:10', 1],
    ]);
    expect(modules[0]).toEqual({ name: 'yaml/dist/parse.js', selfMs: 2, share: 0.5 });
  });

  test("total time counts the project's functions once per sample, however deep they recurse", () => {
    const { ownTotals } = hotSpots(profile, 10);
    expect(ownTotals.map((f) => [f.name, f.selfMs])).toEqual([
      ['main build/bin/app.js:1', 4],
      ['walk build/lib/walk.js:10', 3],
    ]);
  });
});
