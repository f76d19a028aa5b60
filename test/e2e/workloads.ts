import { Kubectl, KubeObject } from '../support/kubectl';

/** What the controllers did with one Deployment or StatefulSet after it was applied. */
export interface WorkloadReport {
  /** `Kind/namespace/name`. */
  readonly workload: string;
  /** Pods the controllers should have created by now. */
  readonly expected: number;
  /** Pods that exist and select as the workload's pods. */
  readonly created: number;
}

/** The outcome of one poll: every workload's pods, and every `FailedCreate` event in the namespaces. */
export interface PodCreationReport {
  readonly workloads: readonly WorkloadReport[];
  /** `involvedObject: message` of each FailedCreate event (PSA rejections show up here). */
  readonly failedCreate: readonly string[];
}

/**
 * How many pods must exist without nodes: a Deployment's ReplicaSet creates all of them at once; an
 * `OrderedReady` StatefulSet creates pod 0 and waits for it to become Ready, which never happens without nodes.
 */
function expectedPods(workload: KubeObject): number {
  const replicas: number = workload.spec.replicas ?? 1;
  const parallel = workload.kind === 'StatefulSet' && workload.spec.podManagementPolicy === 'Parallel';
  return workload.kind === 'StatefulSet' && !parallel ? Math.min(replicas, 1) : replicas;
}

function selector(workload: KubeObject): string {
  const labels: Record<string, string> = workload.spec.selector.matchLabels ?? {};
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Reads, from the live cluster, what the controllers made of every Deployment and StatefulSet in `namespaces`. */
async function podCreation(kubectl: Kubectl, namespaces: readonly string[]): Promise<PodCreationReport> {
  const workloads: WorkloadReport[] = [];
  const failedCreate: string[] = [];
  for (const namespace of namespaces) {
    const live = await kubectl.list(['deployments,statefulsets', `--namespace=${namespace}`]);
    for (const workload of live.items) {
      const pods = await kubectl.list(['pods', `--namespace=${namespace}`, `--selector=${selector(workload)}`]);
      workloads.push({
        workload: `${workload.kind}/${namespace}/${workload.metadata.name}`,
        expected: expectedPods(workload),
        created: pods.items.length,
      });
    }
    const events = await kubectl.list(['events', `--namespace=${namespace}`, '--field-selector=reason=FailedCreate']);
    for (const event of events.items) {
      failedCreate.push(`${event.involvedObject.kind}/${namespace}/${event.involvedObject.name}: ${event.message}`);
    }
  }
  return { workloads, failedCreate };
}

/** True once every workload has its pods, or as soon as a FailedCreate shows that some never will. */
function settled(report: PodCreationReport): boolean {
  return report.failedCreate.length > 0 || report.workloads.every((w) => w.created >= w.expected);
}

/** Polls {@link podCreation} until {@link settled} or the timeout, and returns the last report. */
export async function waitForPods(
  kubectl: Kubectl,
  namespaces: readonly string[],
  timeoutMs: number,
): Promise<PodCreationReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await podCreation(kubectl, namespaces);
    if (settled(report) || Date.now() > deadline) {
      return report;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
