import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { publishAtomically } from '../../lib/synth';

let root: string;
let dist: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-synth-'));
  dist = path.join(root, 'dist');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` with its content, sorted, so directories compare byte for byte. */
function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return files;
}

function writeFiles(files: Record<string, string>): (staging: string) => void {
  return (staging) => {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(staging, name), content);
  };
}

test('creates the output directory when it does not exist', () => {
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }));
  expect(snapshotDir(dist)).toEqual({ 'a.k8s.yaml': 'a' });
});

test('replaces the whole previous output, so stale files disappear', () => {
  publishAtomically(dist, writeFiles({ 'old.k8s.yaml': 'old', 'kept.k8s.yaml': 'v1' }));
  publishAtomically(dist, writeFiles({ 'kept.k8s.yaml': 'v2' }));
  expect(snapshotDir(dist)).toEqual({ 'kept.k8s.yaml': 'v2' });
});

test('a failing write leaves the previous output untouched and no staging directory behind', () => {
  publishAtomically(dist, writeFiles({ 'app.k8s.yaml': 'good' }));
  const failing = (staging: string): void => {
    fs.writeFileSync(path.join(staging, 'app.k8s.yaml'), 'half-writ');
    throw new Error('Validation failed');
  };
  expect(() => publishAtomically(dist, failing)).toThrow('Validation failed');
  expect(snapshotDir(dist)).toEqual({ 'app.k8s.yaml': 'good' });
  expect(fs.readdirSync(root)).toEqual(['dist']);
});

test('the published directory is readable like any build output', () => {
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }));
  expect(fs.statSync(dist).mode & 0o777).toBe(0o755);
});

test('mirrors the published output into the mirror directory, replacing what was there', () => {
  const mirror = path.join(root, '.cdk8s.out');
  fs.mkdirSync(mirror);
  fs.writeFileSync(path.join(mirror, 'stale.k8s.yaml'), 'stale');
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { mirrorDir: mirror });
  expect(snapshotDir(mirror)).toEqual({ 'a.k8s.yaml': 'a' });
  expect(snapshotDir(dist)).toEqual({ 'a.k8s.yaml': 'a' });
});

test('a mirror directory that is the output itself is left alone', () => {
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { mirrorDir: path.join(root, '.', 'dist') });
  expect(snapshotDir(dist)).toEqual({ 'a.k8s.yaml': 'a' });
});
