import type * as k8s from '../../imports/k8s';

/**
 * The linter findings the roles accept on purpose, each with its reason, decided here once. Every row names one
 * check and when it fires; a pod that triggers it gets the linter's per-object annotation on its controller
 * (Deployment, StatefulSet, Job), so the decision is visible in the manifest and nothing is silenced globally or
 * for objects it does not concern. docs/cluster-tests.md explains each decision and where the linters disagree.
 * kube-linter's per-object form is `ignore-check.kube-linter.io/<check>: <reason>`.
 */

/** uid and gid below this make kube-score (user and group) and checkov CKV_K8S_40 (user) fail. */
const HIGH_ID = 10000;

/** Why each accepted finding is acceptable. checkov splits `ID=reason` at "=", so a reason must not contain one. */
export const ACKNOWLEDGED_REASONS = {
  pullPolicy: 'IfNotPresent with a pinned tag or digest: a node reuses the image it already verified and starts pods while the registry is down',
  imageDigest: 'pinned by a version tag (latest and untagged images are refused); give the image as name:tag@sha256:<digest> to pin its exact bytes and this finding goes away',
  imageIdentity: 'runs as its image\'s own user (official postgres and redis 999, nginx-unprivileged 101), which the image\'s files and existing data volumes belong to; set runAsUser and runAsGroup to 10000 or more where the image tolerates an arbitrary uid and this finding goes away',
  secretEnv: 'secretKeyRef, so the manifest holds only the reference; the process reads it from its environment as its image expects; mount the Secret as files where the image reads files',
  tcpProbes: 'the image offers only a TCP port to probe, so readiness and liveness both connect to it, with different timing (readiness fails fast to stop traffic, liveness late to restart); a healthcheck or x-webstack probes give them different checks',
  safeSysctls: 'only sysctls of the Kubernetes safe set, which Pod Security baseline and restricted allow; net.ipv4.ip_unprivileged_port_start lets the non-root process bind the low port its image listens on',
} as const;

/** One accepted check of one linter. */
interface Acknowledgement {
  readonly linter: 'kube-score' | 'checkov' | 'kube-linter';
  readonly check: string;
  readonly reason: string;
  /** True when the check would fail on this pod. */
  readonly firesOn: (pod: k8s.PodSpec) => boolean;
}

function containersOf(pod: k8s.PodSpec): k8s.Container[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

function pullsIfNotPresent(pod: k8s.PodSpec): boolean {
  return containersOf(pod).some((c) => c.imagePullPolicy !== 'Always');
}

function withoutDigest(pod: k8s.PodSpec): boolean {
  return containersOf(pod).some((c) => !c.image?.includes('@'));
}

/** Container ids fall back to the pod's, as both linters read them. */
function lowId(pod: k8s.PodSpec, field: 'runAsUser' | 'runAsGroup'): boolean {
  return containersOf(pod).some((c) => (c.securityContext?.[field] ?? pod.securityContext?.[field] ?? 0) < HIGH_ID);
}

/** A container whose readiness and liveness probes run the same check (kube-score compares the handlers only). */
function identicalProbes(pod: k8s.PodSpec): boolean {
  const handler = (p: k8s.Probe | undefined): string => JSON.stringify({ exec: p?.exec, httpGet: p?.httpGet, tcpSocket: p?.tcpSocket, grpc: p?.grpc });
  return containersOf(pod).some((c) => c.readinessProbe !== undefined && c.livenessProbe !== undefined && handler(c.readinessProbe) === handler(c.livenessProbe));
}

function readsSecretEnv(pod: k8s.PodSpec): boolean {
  return containersOf(pod).some((c) => c.env?.some((e) => e.valueFrom?.secretKeyRef) || c.envFrom?.some((e) => e.secretRef));
}

/** The table: one row per accepted check, in the order the annotations list them. */
const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  { linter: 'kube-score', check: 'container-image-pull-policy', reason: ACKNOWLEDGED_REASONS.pullPolicy, firesOn: pullsIfNotPresent },
  // checkov accepts IfNotPresent on a digest-pinned image.
  { linter: 'checkov', check: 'CKV_K8S_15', reason: ACKNOWLEDGED_REASONS.pullPolicy, firesOn: (pod) => pullsIfNotPresent(pod) && withoutDigest(pod) },
  { linter: 'checkov', check: 'CKV_K8S_43', reason: ACKNOWLEDGED_REASONS.imageDigest, firesOn: withoutDigest },
  {
    linter: 'kube-score',
    check: 'container-security-context-user-group-id',
    reason: ACKNOWLEDGED_REASONS.imageIdentity,
    firesOn: (pod) => lowId(pod, 'runAsUser') || lowId(pod, 'runAsGroup'),
  },
  { linter: 'checkov', check: 'CKV_K8S_40', reason: ACKNOWLEDGED_REASONS.imageIdentity, firesOn: (pod) => lowId(pod, 'runAsUser') },
  { linter: 'checkov', check: 'CKV_K8S_35', reason: ACKNOWLEDGED_REASONS.secretEnv, firesOn: readsSecretEnv },
  { linter: 'kube-score', check: 'pod-probes-identical', reason: ACKNOWLEDGED_REASONS.tcpProbes, firesOn: identicalProbes },
  // kube-linter's unsafe-sysctls flags every kernel.* and net.* sysctl, the namespaced safe ones included.
  { linter: 'kube-linter', check: 'unsafe-sysctls', reason: ACKNOWLEDGED_REASONS.safeSysctls, firesOn: (pod) => (pod.securityContext?.sysctls ?? []).some((s) => /^(net|kernel)\./.test(s.name)) },
];

/**
 * The annotations that acknowledge, on the controller of `pod`, exactly the accepted findings it triggers:
 * `kube-score/ignore: <check>,...` (which carries no reason; the reasons are above) and
 * `checkov.io/skip<N>: <ID>=<reason>`. Empty when the pod triggers none.
 */
export function lintAcknowledgements(pod: k8s.PodSpec): Record<string, string> {
  const firing = ACKNOWLEDGEMENTS.filter((a) => a.firesOn(pod));
  const kubeScore = firing.filter((a) => a.linter === 'kube-score').map((a) => a.check);
  const checkov = firing.filter((a) => a.linter === 'checkov');
  const kubeLinter = firing.filter((a) => a.linter === 'kube-linter');
  return {
    ...(kubeScore.length ? { 'kube-score/ignore': kubeScore.join(',') } : {}),
    ...Object.fromEntries(checkov.map((a, i) => [`checkov.io/skip${i + 1}`, `${a.check}=${a.reason}`])),
    ...Object.fromEntries(kubeLinter.map((a) => [`ignore-check.kube-linter.io/${a.check}`, a.reason])),
  };
}
