import { Kubectl, KubeObject } from '../support/kubectl';
import { RunResult } from '../support/tools';

/** How {@link apply} runs `kubectl apply`; every apply is server-side, as `kubectl apply --server-side` users do. */
export interface ApplyOptions {
  /** `--dry-run=server`: admission and validation run, nothing is stored. @default false */
  readonly dryRun?: boolean;
  /** `--validate=strict`: unknown or duplicate fields fail. @default true */
  readonly strict?: boolean;
  /** `--warnings-as-errors`: a Pod Security `warn` fails the command. @default true */
  readonly warningsAsErrors?: boolean;
}

/** Pod creation normally settles within seconds; the bound only keeps a broken cluster from hanging the run. */
export const POD_TIMEOUT_MS = 60_000;

/** Applies a directory (`-f DIR`) or objects (on stdin) with the e2e field manager. */
export function apply(kubectl: Kubectl, source: string | readonly KubeObject[], options: ApplyOptions = {}): Promise<RunResult> {
  const args = ['apply', '--server-side', '--field-manager=webstack-e2e'];
  if (options.dryRun) args.push('--dry-run=server');
  if (options.strict ?? true) args.push('--validate=strict');
  if (options.warningsAsErrors ?? true) args.push('--warnings-as-errors');
  if (typeof source === 'string') {
    return kubectl.run([...args, '-f', source]);
  }
  // One document per object, as in a manifest file; a `List` would be validated differently (client-side).
  return kubectl.run([...args, '-f', '-'], source.map((o) => JSON.stringify(o)).join('\n---\n'));
}

/** The Namespaces among `objects` whose pods Pod Security admission holds to "restricted". */
export function restrictedNamespaces(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter(
    (o) => o.kind === 'Namespace' && o.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'restricted',
  );
}
