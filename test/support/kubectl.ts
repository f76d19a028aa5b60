import { describeRun, run, RunResult, toolPath } from './tools';

/** The fields of a Kubernetes object the e2e tests read; everything else stays untyped JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly uid?: string;
    /** Set once the object is being deleted (a terminating pod). */
    readonly deletionTimestamp?: string;
  };
  /** JSON boundary: spec, status and the rest vary by kind. */
  readonly [field: string]: any;
}

/** `kubectl get -o json` of several objects. */
export interface KubeList<T extends KubeObject = KubeObject> {
  readonly items: readonly T[];
}

/** kubectl from `.tools/bin`, bound to one cluster's kubeconfig. */
export class Kubectl {
  private readonly binary = toolPath('kubectl');

  constructor(private readonly kubeconfig: string) {}

  /** Runs `kubectl ARGS`; never rejects, so tests can assert on failures too. */
  run(args: readonly string[], input?: string, timeoutMs?: number): Promise<RunResult> {
    return run(this.binary, ['--kubeconfig', this.kubeconfig, ...args], { input, timeoutMs });
  }

  /** Runs `kubectl ARGS` and throws with the full transcript unless it exits 0. */
  async ok(args: readonly string[], input?: string, timeoutMs?: number): Promise<string> {
    const result = await this.run(args, input, timeoutMs);
    if (result.code !== 0) {
      throw new Error(`kubectl failed:\n${describeRun(result)}`);
    }
    return result.stdout;
  }

  /** `kubectl get ARGS -o json`, parsed. */
  async list<T extends KubeObject = KubeObject>(args: readonly string[]): Promise<KubeList<T>> {
    return JSON.parse(await this.ok(['get', ...args, '-o', 'json'])) as KubeList<T>;
  }
}
