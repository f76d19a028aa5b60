import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthExample } from '../../lib/example';
import { publishAtomically } from '../../lib/synth';

/**
 * `dist/` is committed so reviewers read the manifests users get. This keeps it honest: it must be exactly what
 * `npm run synth` writes today, file for file and byte for byte.
 */
test('the committed dist/ is the current synth of the example stack (run `npm run synth` after a change)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-dist-'));
  const fresh = path.join(root, 'dist');
  try {
    publishAtomically(fresh, synthExample); // what main.ts does, output marker included
    const committed = path.resolve(__dirname, '../../dist');
    expect(fs.readdirSync(committed).sort()).toEqual(fs.readdirSync(fresh).sort());
    for (const file of fs.readdirSync(fresh)) {
      expect([file, fs.readFileSync(path.join(committed, file), 'utf8')]).toEqual([file, fs.readFileSync(path.join(fresh, file), 'utf8')]);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
