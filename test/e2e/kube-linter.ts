import { describeRun, run, toolPath } from '../support/tools';

/** One kube-linter report (`--format json`). */
interface Report {
  readonly Object: { readonly K8sObject: { readonly GroupVersionKind: { readonly Kind: string }; readonly Name: string } };
  readonly Check: string;
}

/**
 * kube-linter v0.8.3 with its default checks (built from ../shared/tools), as `Kind/name: check` strings, sorted.
 * Exit 1 with reports is a finding, not a failure of the tool; anything else is.
 */
export async function kubeLinterFindings(dir: string): Promise<string[]> {
  const result = await run(toolPath('kube-linter'), ['lint', '--format', 'json', dir]);
  let parsed: { Reports?: Report[] | null };
  try {
    parsed = JSON.parse(result.stdout) as { Reports?: Report[] | null };
  } catch {
    throw new Error(`kube-linter printed no JSON:\n${describeRun(result)}`);
  }
  if (result.code !== 0 && !parsed.Reports?.length) throw new Error(`kube-linter failed:\n${describeRun(result)}`);
  return (parsed.Reports ?? []).map((r) => `${r.Object.K8sObject.GroupVersionKind.Kind}/${r.Object.K8sObject.Name}: ${r.Check}`).sort();
}
