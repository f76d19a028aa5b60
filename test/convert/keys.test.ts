import { convert } from './given';

describe('every key is mapped or reported', () => {
  test('keys without a Kubernetes equivalent draw one positioned diagnostic each; other x- keys are ignored', () => {
    const { findings } = convert(`services:
  app:
    image: ghcr.io/acme/app:1.0.0
    user: "1:1"
    expose: [8080]
    container_name: my-app
    ulimits: { nofile: 65536 }
    pids_limit: 100
    logging: { driver: json-file }
    x-team: payments
`);
    expect(findings).toEqual(['ignored-key 6:5', 'unsupported-key 7:5', 'unsupported-key 8:5', 'unsupported-key 9:5', 'probe-default-tcp 2:3']);
  });
});

describe('images', () => {
  test('fails on a build-only service, at its build key, and --image resolves it', () => {
    const compose = 'services:\n  api:\n    build: .\n    user: "1:1"\n';
    expect(convert(compose).findings).toContain('image-missing 3:5');
    const resolved = convert(compose, {}, { images: { api: 'ghcr.io/acme/api:1.4.2' } });
    expect(resolved.findings.filter((f) => f.startsWith('image'))).toEqual([]);
    expect(resolved.role('api').props).toMatchObject({ image: 'ghcr.io/acme/api:1.4.2' });
  });

  test('x-webstack.image names the image of a build-only service', () => {
    const { role } = convert('services:\n  api:\n    build: .\n    user: "1:1"\n    x-webstack: { image: "ghcr.io/acme/api:2.0.0" }\n');
    expect(role('api').props).toMatchObject({ image: 'ghcr.io/acme/api:2.0.0' });
  });

  test.each([
    ['backend:latest', 'image-latest 3:5'],
    ['adminer', 'image-untagged 3:5'],
  ])('fails on %s and leaves the service out of the spec', (image, finding) => {
    const { findings, spec } = convert(`services:\n  app:\n    image: ${image}\n    user: "1:1"\n`);
    expect(findings).toContain(finding);
    expect(spec.roles).toEqual([]);
  });

  test('fails when --image names a service the project does not have', () => {
    expect(convert('services:\n  app:\n    image: a/b:1.0.0\n    user: "1:1"\n', {}, { images: { nope: 'a/b:1' } }).diagnostics.map((d) => d.code)).toContain('image-override-unknown');
  });

  test('fails on pull_policy build; build next to image is an info', () => {
    const { findings } = convert('services:\n  app:\n    image: a/b:1.0.0\n    build: .\n    pull_policy: build\n    user: "1:1"\n');
    expect(findings).toEqual(expect.arrayContaining(['build-ignored 4:5', 'pull-policy-build 5:5']));
  });
});

describe('x-webstack', () => {
  test('fails on unknown and invalid keys, at their position', () => {
    const { findings } = convert(`services:
  app:
    image: a/b:1.0.0
    user: "1:1"
    x-webstack:
      role: database
      replicaz: 3
      storage: { size: lots }
      autoscaling: { min: 5, max: 2 }
`);
    expect(findings).toEqual(expect.arrayContaining(['x-webstack-invalid 6:7', 'x-webstack-unknown-key 7:7', 'x-webstack-invalid 8:18', 'x-webstack-invalid 9:7']));
  });

  test('role, replicas, probes and uid override what detection and Compose say', () => {
    const { role } = convert(`services:
  api:
    image: ghcr.io/acme/api:1.0.0
    ports: ["8000:8000"]
    x-webstack: { role: backend, replicas: 2, probes: { liveness: /livez, readiness: /readyz }, uid: 20000 }
`);
    expect(role('api')).toMatchObject({ role: 'backend', props: { replicas: 2, autoscaling: false, livenessPath: '/livez', readinessPath: '/readyz', runAsUser: 20000, runAsGroup: 20000 } });
  });
});

describe('x-webstack keys a role does not use', () => {
  test('are reported instead of doing nothing silently', () => {
    const { findings } = convert('services:\n  app:\n    image: a/b:1.0.0\n    user: "1:1"\n    expose: [8080]\n    x-webstack: { ingress: { host: a.example.com }, celery_app: proj }\n');
    expect(findings).toEqual(expect.arrayContaining(['ignored-key 6:19', 'ignored-key 6:53']));
  });
});
