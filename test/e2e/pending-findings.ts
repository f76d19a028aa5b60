/**
 * Linter findings on the example stack that wait for the constructs owner: each is either fixed in lib/services or
 * silenced on its object with the linter's annotation and a reason (never globally). The linter test asserts the
 * findings equal this list exactly, so a new finding fails it, and so does a fixed one still listed here: the list
 * can only shrink. docs/cluster-tests.md says which linter we follow where they disagree.
 */

/** One pending check: the objects it fires on, and why it is not simply fixed. */
interface Pending {
  readonly check: string;
  readonly objects: readonly string[];
  readonly why: string;
}

const WORKLOADS = ['backend', 'celery-beat', 'celery-worker', 'frontend', 'proxy'].map((n) => `Deployment/${n}`);
const DATABASES = ['StatefulSet/postgres', 'StatefulSet/redis'];
const FIXED_UID_IMAGES = ['Deployment/frontend', 'Deployment/proxy', ...DATABASES];
const SECRET_ENV = ['Deployment/backend', 'Deployment/celery-beat', 'Deployment/celery-worker', 'StatefulSet/redis'];

const KUBE_SCORE: readonly Pending[] = [
  {
    check: 'container-image-pull-policy',
    objects: [...WORKLOADS, ...DATABASES],
    why: 'IfNotPresent with pinned tags is deliberate; annotate kube-score/ignore, or pull Always',
  },
  {
    check: 'container-security-context-user-group-id',
    objects: FIXED_UID_IMAGES,
    why: 'nginx-unprivileged (101), postgres and redis (999) need their own uid; annotate kube-score/ignore',
  },
];

const CHECKOV: readonly Pending[] = [
  {
    check: 'CKV_K8S_15',
    objects: [...WORKLOADS, ...DATABASES],
    why: 'image pull policy Always: same decision as kube-score container-image-pull-policy',
  },
  {
    check: 'CKV_K8S_35',
    objects: SECRET_ENV,
    why: 'secrets as env vars (secretKeyRef): mount them as files, or annotate checkov.io/skipN',
  },
  {
    check: 'CKV_K8S_40',
    objects: FIXED_UID_IMAGES,
    why: 'uid >= 10000: same decision as kube-score container-security-context-user-group-id',
  },
  {
    check: 'CKV_K8S_43',
    objects: [...WORKLOADS, ...DATABASES],
    why: 'images pinned by tag, not digest: pin digests, or annotate checkov.io/skipN with the reason',
  },
];

/** kube-score CRITICALs still pending on the example, as `Kind/name: check` (the format kubeScoreCriticals uses). */
export function pendingKubeScore(): string[] {
  return KUBE_SCORE.flatMap((p) => p.objects.map((o) => `${o}: ${p.check}`)).sort();
}

/** checkov failures still pending on the example, as `Kind.namespace.name: CKV_ID` (checkovFailures' format). */
export function pendingCheckov(namespace: string): string[] {
  return CHECKOV.flatMap((p) => p.objects.map((o) => `${o.replace('/', `.${namespace}.`)}: ${p.check}`)).sort();
}
