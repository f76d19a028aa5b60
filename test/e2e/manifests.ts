import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
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

/** The YAML files of a set, in the order `kubectl apply -f DIR` reads them. */
export function manifestFiles(set: ManifestSet): string[] {
  return fs
    .readdirSync(set.dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => path.join(set.dir, file));
}

/** Every object of a set; an empty or unparsable set throws, so a broken synth cannot pass as "no findings". */
export function loadObjects(set: ManifestSet): KubeObject[] {
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
