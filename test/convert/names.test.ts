import { dataKey, dnsLabel } from '../../lib/convert/names';

describe('names', () => {
  test.each([
    ['defectdojo_media', 'defectdojo-media'],
    ['/var/lib/postgresql/data', 'var-lib-postgresql-data'],
    ['Zulip__Secret.Key', 'zulip-secret-key'],
    ['---', 'x'],
  ])('%s -> %s', (text, label) => {
    expect(dnsLabel(text)).toBe(label);
  });

  test('over-long names keep a hash of the whole, so two of them never collide after truncation', () => {
    const a = dnsLabel(`${'a'.repeat(70)}-one`);
    const b = dnsLabel(`${'a'.repeat(70)}-two`);
    expect([a.length, b.length]).toEqual([63, 63]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  test('data keys keep letters, digits, -, _ and .', () => {
    expect(dataKey('default.conf')).toBe('default.conf');
    expect(dataKey('my file (1).txt')).toBe('my_file_1_.txt');
  });
});
