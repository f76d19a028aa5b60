import * as fs from 'fs';
import * as path from 'path';
import { corpusCases } from './corpus';
import { CORPUS_FIXES_DIR, fixFileNames, userFixes } from './corpus-fixes';

describe("the user's fixes for corpus cases", () => {
  test('every override file in the fixtures directory is used by a case, and every used file exists', () => {
    expect(fs.readdirSync(CORPUS_FIXES_DIR).sort()).toEqual(fixFileNames());
  });

  test('every override file says first what it is for, and each change says why', () => {
    for (const name of fixFileNames()) {
      const lines = fs.readFileSync(path.join(CORPUS_FIXES_DIR, name), 'utf8').split('\n');
      expect([name, lines[0]?.startsWith('# ')]).toEqual([name, true]);
      // A service-level key (4 spaces) follows a comment or another key of the same change.
      const uncommented = lines.filter((line, i) => /^ {4}[a-z_-]+:/.test(line) && !/^\s*#/.test(lines[i - 1] ?? '') && !/^ {4}[a-z_-]+:/.test(lines[i - 1] ?? ''));
      expect([name, uncommented]).toEqual([name, []]);
    }
  });

  test('fixes are listed only for real cases, and every case gets the ReadWriteMany class', () => {
    const cases = corpusCases();
    if (cases.length === 0) return; // without the corpus there is nothing to look up
    const fixed = cases.filter((c) => userFixes(c).files.length > 0).length;
    expect(fixed).toBe(44);
    expect(new Set(cases.flatMap((c) => userFixes(c).files.map((f) => path.basename(f))))).toEqual(new Set(fixFileNames()));
    expect(new Set(cases.map((c) => userFixes(c).rwxStorageClass))).toEqual(new Set(['shared-rwx']));
  });
});
