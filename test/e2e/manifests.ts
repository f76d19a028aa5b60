import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { synthExample } from '../../lib/example';
import { KubeObject } from '../support/kubectl';
import { REPO_ROOT } from '../support/tools';

/** A directory of manifests the e2e tests apply and lint, the way users run `kubectl apply -f DIR`. */
export interface ManifestSet {
  /** Shown in test names. */
  readonly name: string;
  /** Absolute path of the directory. */
  readonly dir: string;
  /**
   * Every connection its NetworkPolicies must allow and nothing else, as `from -> to: protocols ports` (see
   * test/e2e/connectivity.ts): the stack's declared edges, DNS to kube-dns, and `outside` clients of the exposed role.
   */
  readonly connections: readonly string[];
}

/** Hand-written, known-good stand-in for `dist/`: proves the harness passes what it should. */
export const FIXTURE: ManifestSet = {
  name: 'fixture',
  dir: path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'restricted-stack'),
  connections: [
    'db -> kube-dns: TCP,UDP 53',
    'outside -> web: TCP 8080',
    'web -> db: TCP 5432',
    'web -> kube-dns: TCP,UDP 53',
  ],
};

/**
 * The example stack exactly as `npm run synth` writes `dist/` (main.ts calls the same `synthExample`), synthesized
 * afresh into a temporary directory so the tests never judge a stale or hand-edited `dist/`. The caller removes
 * the directory when done (jest workers do not reliably run exit hooks).
 */
export function synthesizedExample(): ManifestSet {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-dist-'));
  synthExample(dir);
  return {
    name: 'dist (example stack)',
    dir,
    // The design's edges: outside -> proxy -> frontend and backend; backend and worker -> postgres and redis;
    // beat -> redis; every pod -> DNS. Nothing reaches the worker, beat, postgres or redis from outside.
    connections: [
      'backend -> kube-dns: TCP,UDP 53',
      'backend -> postgres: TCP 5432',
      'backend -> redis: TCP 6379',
      'celery-beat -> kube-dns: TCP,UDP 53',
      'celery-beat -> redis: TCP 6379',
      'celery-worker -> kube-dns: TCP,UDP 53',
      'celery-worker -> postgres: TCP 5432',
      'celery-worker -> redis: TCP 6379',
      'frontend -> kube-dns: TCP,UDP 53',
      'outside -> proxy: TCP 8080',
      'postgres -> kube-dns: TCP,UDP 53',
      'proxy -> backend: TCP 8000',
      'proxy -> frontend: TCP 8080',
      'proxy -> kube-dns: TCP,UDP 53',
      'redis -> kube-dns: TCP,UDP 53',
    ],
  };
}

/** The YAML files of a set, in the order `kubectl apply -f DIR` reads them. */
export function manifestFiles(set: Pick<ManifestSet, 'dir'>): string[] {
  return fs
    .readdirSync(set.dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => path.join(set.dir, file));
}

/** Every object of a set; an empty or unparsable set throws, so a broken synth cannot pass as "no findings". */
export function loadObjects(set: Pick<ManifestSet, 'dir'>): KubeObject[] {
  const objects = manifestFiles(set).flatMap((file) =>
    parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
      if (doc.errors.length > 0) {
        throw new Error(`${file}: ${doc.errors[0]?.message}`);
      }
      return doc.toJS() as KubeObject | null;
    }),
  );
  const present = objects.filter((o): o is KubeObject => o !== null);
  if (present.length === 0) {
    throw new Error(`no Kubernetes objects in ${set.dir}`);
  }
  return present;
}

/** Objects of one kind. */
export function ofKind(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind);
}

/**
 * The example as `cdk8s synth --format helm --chart-version 1.2.3` makes it: the real cdk8s CLI runs the compiled
 * main.js (`npm run build` comes first in the test command) in a scratch project whose output is the default dist/.
 * Returns the chart directory; the caller removes its parent.
 */
export function helmChartOfExample(): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-helm-'));
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--app', `node ${path.join(REPO_ROOT, 'build', 'main.js')}`, '--format', 'helm', '--chart-version', '1.2.3'], { cwd: project, stdio: 'pipe' });
  return path.join(project, 'dist');
}
