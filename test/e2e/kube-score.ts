import { describeRun, run, toolPath } from '../support/tools';

/** kube-score's JSON report (`--output-format json`): one entry per object, each with every check's grade. */
interface ScoredObject {
  readonly type_meta: { readonly kind: string };
  readonly object_meta: { readonly name: string };
  readonly checks: readonly {
    readonly check: { readonly id: string };
    /** 1 CRITICAL, 5 WARNING, 7 ALMOST_OK, 10 OK. */
    readonly grade: number;
    readonly skipped: boolean;
  }[];
}

const CRITICAL = 1;

/**
 * kube-score's CRITICAL findings over the given files, as sorted `Kind/name: check-id` strings. kube-score exits
 * 1 when it finds a critical, so only a missing or unparsable report counts as a failure to run.
 */
export async function kubeScoreCriticals(files: readonly string[]): Promise<string[]> {
  // --kubernetes-version sets the release the stable-version check judges apiVersions against (default v1.18).
  const result = await run(toolPath('kube-score'), ['score', '--kubernetes-version', 'v1.28', '--output-format', 'json', ...files]);
  let report: ScoredObject[];
  try {
    report = JSON.parse(result.stdout) as ScoredObject[];
  } catch {
    throw new Error(`kube-score gave no JSON report:\n${describeRun(result)}`);
  }
  return report
    .flatMap((o) =>
      o.checks.filter((c) => !c.skipped && c.grade === CRITICAL).map((c) => `${o.type_meta.kind}/${o.object_meta.name}: ${c.check.id}`),
    )
    .sort();
}
