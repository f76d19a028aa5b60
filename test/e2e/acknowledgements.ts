import { KubeObject } from '../support/kubectl';

/** A manifest set with the linters' per-object acknowledgements taken out, and what those acknowledged. */
export interface Unacknowledged {
  readonly objects: KubeObject[];
  /** Acknowledged kube-score checks, as `Kind/name: check` (kubeScoreCriticals' format), sorted. */
  readonly kubeScore: string[];
  /** Acknowledged checkov checks, as `Kind.namespace.name: CKV_ID` (checkovFailures' format), sorted. */
  readonly checkov: string[];
  /** Acknowledged kube-linter checks, as `Kind/name: check` (kubeLinterFindings' format), sorted. */
  readonly kubeLinter: string[];
}

const KUBE_SCORE_IGNORE = 'kube-score/ignore';
const CHECKOV_SKIP = /^checkov\.io\/skip\d+$/;
const KUBE_LINTER_IGNORE = /^ignore-check\.kube-linter\.io\/(.+)$/;

/**
 * Removes `kube-score/ignore` and `checkov.io/skipN` from every object and lists the findings they silenced, so a
 * test can show each acknowledgement hides a finding that is really there, and nothing else.
 */
export function withoutAcknowledgements(objects: readonly KubeObject[]): Unacknowledged {
  const kubeScore: string[] = [];
  const checkov: string[] = [];
  const kubeLinter: string[] = [];
  const stripped = objects.map((o) => {
    const annotations: Record<string, string> = { ...o.metadata.annotations };
    for (const [key, value] of Object.entries(annotations)) {
      if (key === KUBE_SCORE_IGNORE) {
        kubeScore.push(...value.split(',').map((check) => `${o.kind}/${o.metadata.name}: ${check}`));
      } else if (CHECKOV_SKIP.test(key)) {
        checkov.push(`${o.kind}.${o.metadata.namespace ?? 'default'}.${o.metadata.name}: ${value.split('=')[0]}`);
      } else if (KUBE_LINTER_IGNORE.test(key)) {
        kubeLinter.push(`${o.kind}/${o.metadata.name}: ${KUBE_LINTER_IGNORE.exec(key)?.[1] ?? ''}`);
      } else {
        continue;
      }
      delete annotations[key];
    }
    return { ...o, metadata: { ...o.metadata, annotations } };
  });
  return { objects: stripped, kubeScore: kubeScore.sort(), checkov: checkov.sort(), kubeLinter: kubeLinter.sort() };
}
