import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT, OutputDirError } from '../../lib/output-dir';
import { publishAtomically, publishForCdk8sCli } from '../../lib/synth';
import { treeOf } from '../support/tree';

let root: string;
let dist: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-synth-'));
  dist = path.join(root, 'dist');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A published directory's files: those written plus the marker that lets the next publication replace it. */
function published(files: Record<string, string>): Record<string, string> {
  return { ...files, [OUTPUT_MARKER]: OUTPUT_MARKER_TEXT };
}

function writeFiles(files: Record<string, string>): (staging: string) => void {
  return (staging) => {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(staging, name), content);
  };
}

test('creates the output directory when it does not exist', () => {
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }));
  expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
});

test('replaces the whole previous output, so stale files disappear', () => {
  publishAtomically(dist, writeFiles({ 'old.k8s.yaml': 'old', 'kept.k8s.yaml': 'v1' }));
  publishAtomically(dist, writeFiles({ 'kept.k8s.yaml': 'v2' }));
  expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'kept.k8s.yaml': 'v2' }));
});

test('a failing write leaves the previous output untouched and no staging directory behind', () => {
  publishAtomically(dist, writeFiles({ 'app.k8s.yaml': 'good' }));
  const failing = (staging: string): void => {
    fs.writeFileSync(path.join(staging, 'app.k8s.yaml'), 'half-writ');
    throw new Error('Validation failed');
  };
  expect(() => publishAtomically(dist, failing)).toThrow('Validation failed');
  expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'app.k8s.yaml': 'good' }));
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
  fs.writeFileSync(path.join(mirror, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { mirrorDir: mirror });
  expect(treeOf(mirror, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
  expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
});

test('a mirror directory that is the output itself is left alone', () => {
  publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { mirrorDir: path.join(root, '.', 'dist') });
  expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
});

describe('output directory rules', () => {
  const refused = (target: string, rules = {}): string => {
    try {
      publishAtomically(target, writeFiles({ 'a.k8s.yaml': 'a' }), { rules: { cwd: root, ...rules } });
    } catch (error) {
      expect(error).toBeInstanceOf(OutputDirError);
      return (error as Error).message;
    }
    throw new Error(`${target} was accepted`);
  };

  test('a directory of user files is refused, named, and left exactly as it was', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<spa build>');
    expect(refused(dist)).toMatch(/refusing to replace .*dist: it holds 1 file\(s\) that are not webstack output .*index\.html.*--force/);
    expect(treeOf(dist, { filesOnly: true })).toEqual({ 'index.html': '<spa build>' });
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('--force replaces a directory of user files', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<spa build>');
    publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { rules: { cwd: root, force: true } });
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
  });

  test('output from before the marker (only *.k8s.yaml files) is replaced without force', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'webstack.k8s.yaml'), 'old');
    publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { rules: { cwd: root } });
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
  });

  test('an empty directory is accepted', () => {
    fs.mkdirSync(dist);
    publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { rules: { cwd: root } });
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
  });

  test('the working directory, its ancestors and the filesystem root are refused even with force', () => {
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'compose.yaml'), 'services: {}');
    for (const target of [project, root, '/']) {
      expect(refused(target, { cwd: project, force: true })).toMatch(/refusing to (replace|write output to the filesystem root)/);
    }
    expect(fs.readFileSync(path.join(project, 'compose.yaml'), 'utf8')).toBe('services: {}');
    expect(fs.readdirSync('/').filter((name) => name.startsWith('.-'))).toEqual([]);
  });

  test('an input file, or a directory holding one, is refused even with force', () => {
    const inputs = path.join(root, 'inputs');
    fs.mkdirSync(inputs);
    const compose = path.join(inputs, 'compose.yaml');
    fs.writeFileSync(compose, 'services: {}');
    expect(refused(compose, { protectedPaths: [compose], force: true })).toMatch(/it is an input of this run/);
    expect(refused(inputs, { protectedPaths: [compose], force: true })).toMatch(/it contains an input of this run/);
    expect(fs.readFileSync(compose, 'utf8')).toBe('services: {}');
  });

  test('a symlink to a protected directory is seen through', () => {
    const project = path.join(root, 'project');
    fs.mkdirSync(project);
    fs.symlinkSync(project, path.join(root, 'link'));
    expect(refused(path.join(root, 'link'), { cwd: project, force: true })).toMatch(/working directory/);
    expect(fs.lstatSync(path.join(root, 'link')).isSymbolicLink()).toBe(true);
  });

  test('a file is never replaced by a directory', () => {
    const notes = path.join(root, 'notes.txt');
    fs.writeFileSync(notes, 'keep me');
    expect(refused(notes, { force: true })).toMatch(/it is a file/);
    expect(refused(path.join(notes, 'x'))).toMatch(/notes\.txt is not a directory/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('keep me');
  });

  test('kernel filesystems are refused', () => {
    expect(refused('/proc/x')).toMatch(/kernel filesystem/);
    expect(refused('/sys/x/y')).toMatch(/kernel filesystem/);
  });

  test('a failed write removes the parent directories it created', () => {
    const deep = path.join(root, 'a', 'b', 'dist');
    const failing = (): void => {
      throw new Error('Validation failed');
    };
    expect(() => publishAtomically(deep, failing, { rules: { cwd: root } })).toThrow('Validation failed');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('a mirror directory holding user files is refused', () => {
    const mirror = path.join(root, 'mirror');
    fs.mkdirSync(mirror);
    fs.writeFileSync(path.join(mirror, 'mine.txt'), 'mine');
    expect(() => publishAtomically(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { mirrorDir: mirror, rules: { cwd: root } })).toThrow(OutputDirError);
    expect(treeOf(mirror, { filesOnly: true })).toEqual({ 'mine.txt': 'mine' });
  });
});

describe('under cdk8s synth (publishForCdk8sCli)', () => {
  test('plain: dist/ is published and the CLI gets a copy in CDK8S_OUTDIR', () => {
    const scratch = path.join(root, '.cdk8s.out');
    publishForCdk8sCli(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { CDK8S_OUTDIR: scratch });
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
    expect(treeOf(scratch, { filesOnly: true })).toEqual(published({ 'a.k8s.yaml': 'a' }));
  });

  /** What `cdk8s synth --format helm --chart-version 1.2.3` prepares before it runs the app. */
  function helmScaffold(chart: string): string {
    fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.2.3\n');
    fs.writeFileSync(path.join(chart, 'README.md'), 'generated');
    return path.join(chart, 'templates');
  }

  test('--format helm: dist/ becomes the chart, with the manifests under templates/ and Go-template braces escaped', () => {
    const templates = helmScaffold(path.join(root, '.cdk8s.out'));
    const grafana = 'data:\n  alert: "{{ $labels.instance }} is down"\n';
    publishForCdk8sCli(dist, writeFiles({ 'a.k8s.yaml': grafana }), { CDK8S_OUTDIR: templates });
    const escaped = 'data:\n  alert: "{{ "{{" }} $labels.instance {{ "}}" }} is down"\n';
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.2.3\n', 'README.md': 'generated', 'templates/a.k8s.yaml': escaped }));
    // What Helm renders from the escaped template is the manifest as written.
    expect(escaped.replace(/\{\{ "(\{\{|\}\})" \}\}/g, '$1')).toBe(grafana);
    expect(treeOf(templates, { filesOnly: true })).toEqual({ 'a.k8s.yaml': escaped });
  });

  test('--format helm: a templates/ directory that holds other files (someone\'s chart) is refused before anything is written', () => {
    const templates = helmScaffold(path.join(root, 'their-chart'));
    fs.writeFileSync(path.join(templates, 'deployment.yaml'), 'theirs');
    expect(() => publishForCdk8sCli(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { CDK8S_OUTDIR: templates })).toThrow(OutputDirError);
    expect(treeOf(templates, { filesOnly: true })).toEqual({ 'deployment.yaml': 'theirs' });
    expect(fs.existsSync(dist)).toBe(false);
  });

  test('--format helm with dist/ as the CLI\'s own output: the scaffold it just wrote there is replaced by the chart', () => {
    const templates = helmScaffold(dist);
    publishForCdk8sCli(dist, writeFiles({ 'a.k8s.yaml': 'a' }), { CDK8S_OUTDIR: templates });
    expect(treeOf(dist, { filesOnly: true })).toEqual(published({ 'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.2.3\n', 'README.md': 'generated', 'templates/a.k8s.yaml': 'a' }));
  });
});
