import { parseBytes } from '../../lib/compose/normalize/bytes';
import { formatDuration, parseDurationMs } from '../../lib/compose/normalize/durations';

describe('parseDurationMs', () => {
  test.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    ['500ms', 500],
    ['2h45m10s', 9_910_000],
    ['0', 0],
    ['30', 30_000],
    [45, 45_000],
    ['1500us', 1.5],
  ])('%s → %d ms', (input, ms) => {
    expect(parseDurationMs(input)).toBe(ms);
  });

  test.each(['', 'soon', '1x', 's10', '1m 30s', '-5s'])('rejects %j', (input) => {
    expect(parseDurationMs(input)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [500, '500ms'],
    [1_500, '1.5s'],
    [10_000, '10s'],
    [60_000, '1m0s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [3_660_000, '1h1m0s'],
    [3_601_000, '1h0m1s'],
    [0.001, '1µs'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('parseBytes', () => {
  test.each([
    ['100', 100],
    ['100b', 100],
    ['1k', 1024],
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['256MiB', 256 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1gb', 1024 ** 3],
    ['1.5gb', 1.5 * 1024 ** 3],
    ['2 GB', 2 * 1024 ** 3],
    ['1t', 1024 ** 4],
    [268435456, 268435456],
    [-1, -1],
  ])('%s → %d bytes', (input, bytes) => {
    expect(parseBytes(input)).toBe(bytes);
  });

  test.each(['', 'lots', '1.2.3g', '1x', '-1m', 'm'])('rejects %j', (input) => {
    expect(parseBytes(input)).toBeUndefined();
  });
});
