import { describeRun, run, toolPath } from '../support/tools';

/** checkov's JSON report for one framework (`-o json --framework kubernetes`). */
interface CheckovReport {
  readonly results: {
    readonly failed_checks: readonly { readonly check_id: string; readonly resource: string }[];
  };
}

/**
 * checkov's failed Kubernetes checks over a directory, as sorted `Kind.namespace.name: CKV_K8S_N` strings.
 * Every default check runs; an object opts out of one with the annotation `checkov.io/skip<N>: <ID>=<reason>`.
 * `--skip-download` keeps checkov offline (it would otherwise fetch guidelines from its vendor's API).
 */
export async function checkovFailures(dir: string): Promise<string[]> {
  const result = await run(
    toolPath('checkov'),
    ['--directory', dir, '--framework', 'kubernetes', '--skip-download', '--compact', '--quiet', '--output', 'json'],
    { timeoutMs: 120_000 },
  );
  let report: Partial<CheckovReport> = {};
  try {
    report = JSON.parse(result.stdout) as Partial<CheckovReport>;
  } catch {
    // reported below, with the transcript
  }
  if (!report.results) {
    throw new Error(`checkov gave no Kubernetes report:\n${describeRun(result)}`);
  }
  return report.results.failed_checks.map((c) => `${c.resource}: ${c.check_id}`).sort();
}
