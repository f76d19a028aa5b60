import { ACKNOWLEDGED_REASONS } from '../../lib/kube/lint-acknowledgements';
import { Postgres } from '../../lib/services/postgres';
import { Task } from '../../lib/services/task';
import { WebService, type WebServiceProps } from '../../lib/services/web-service';
import { givenChart, onlyOf, synth, type Manifest } from '../support/synth';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A web service whose readiness differs from its TCP liveness, so only the rows under test fire. */
function givenWebService(props: Partial<WebServiceProps> = {}) {
  const chart = givenChart();
  new WebService(chart, 'api', { image: 'ghcr.io/acme/api:3.1.0', ports: [{ name: 'http', port: 3000 }], readiness: { httpGet: { path: '/ready' } }, ...props });
  return synth(chart);
}

function annotationsOf(manifests: readonly Manifest[], kind: string): Record<string, string> | undefined {
  return onlyOf(manifests, kind).metadata.annotations;
}

/** The checkov skips of an object as `ID=reason`, in annotation order. */
function checkovSkips(annotations: Record<string, string> | undefined): string[] {
  return Object.entries(annotations ?? {}).filter(([key]) => key.startsWith('checkov.io/skip')).map(([, value]) => value);
}

describe('lint acknowledgements', () => {
  test('an app image on a tag, uid 10001, no secret env: only the pull policy and the missing digest', () => {
    expect(annotationsOf(givenWebService(), 'Deployment')).toEqual({
      'kube-score/ignore': 'container-image-pull-policy',
      'checkov.io/skip1': `CKV_K8S_15=${ACKNOWLEDGED_REASONS.pullPolicy}`,
      'checkov.io/skip2': `CKV_K8S_43=${ACKNOWLEDGED_REASONS.imageDigest}`,
    });
  });

  test('a digest-pinned image needs no checkov skip (checkov accepts IfNotPresent on a digest); kube-score still wants Always', () => {
    expect(annotationsOf(givenWebService({ image: `ghcr.io/acme/api:3.1.0@${DIGEST}` }), 'Deployment')).toEqual({
      'kube-score/ignore': 'container-image-pull-policy',
    });
  });

  test('secret env vars, by key or whole Secret, are acknowledged with the reason', () => {
    const byKey = givenWebService({ env: { TOKEN: { secretKeyRef: { name: 'api', key: 'token' } } } });
    const whole = givenWebService({ envFromSecrets: ['api'] });
    for (const manifests of [byKey, whole]) {
      expect(checkovSkips(annotationsOf(manifests, 'Deployment'))).toContain(`CKV_K8S_35=${ACKNOWLEDGED_REASONS.secretEnv}`);
    }
    expect(checkovSkips(annotationsOf(givenWebService({ env: { MODE: 'prod' } }), 'Deployment')).join()).not.toContain('CKV_K8S_35');
  });

  test('a uid below 10000 is acknowledged for both linters; a low gid alone only for kube-score, which checks both', () => {
    const lowUid = annotationsOf(givenWebService({ runAsUser: 1000 }), 'Deployment');
    expect(lowUid?.['kube-score/ignore']).toBe('container-image-pull-policy,container-security-context-user-group-id');
    expect(checkovSkips(lowUid)).toContain(`CKV_K8S_40=${ACKNOWLEDGED_REASONS.imageIdentity}`);

    const lowGid = annotationsOf(givenWebService({ runAsGroup: 1000 }), 'Deployment');
    expect(lowGid?.['kube-score/ignore']).toBe('container-image-pull-policy,container-security-context-user-group-id');
    expect(checkovSkips(lowGid).join()).not.toContain('CKV_K8S_40');
  });

  test('a service probed only on its TCP port (the same check for readiness and liveness) acknowledges kube-score pod-probes-identical', () => {
    const tcpOnly = givenWebService({ readiness: { tcpSocket: {} } });
    expect(annotationsOf(tcpOnly, 'Deployment')?.['kube-score/ignore']).toBe('container-image-pull-policy,pod-probes-identical');
    expect(annotationsOf(givenWebService(), 'Deployment')?.['kube-score/ignore']).toBe('container-image-pull-policy');
  });

  test('only the object that carries the pod template is annotated, StatefulSets and Jobs included', () => {
    const chart = givenChart();
    new Postgres(chart, 'postgres', { credentialsSecret: 'db' });
    new Task(chart, 'migrate', { image: 'myorg/api:1.4.2' });
    const manifests = synth(chart);
    expect(annotationsOf(manifests, 'StatefulSet')?.['kube-score/ignore']).toBe('container-image-pull-policy,container-security-context-user-group-id');
    expect(annotationsOf(manifests, 'Job')?.['kube-score/ignore']).toBe('container-image-pull-policy');
    const others = manifests.filter((m) => !['StatefulSet', 'Job'].includes(m.kind));
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((m) => m.metadata.annotations).map((m) => m.kind)).toEqual([]);
  });

  test.each(Object.entries(ACKNOWLEDGED_REASONS))('the %s reason has no "=" (checkov splits ID=reason at it)', (_topic, reason) => {
    expect(reason).not.toContain('=');
  });
});
