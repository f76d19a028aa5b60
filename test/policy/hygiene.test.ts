import { checkHygiene, checkImage } from '../../lib/policy/hygiene';
import { compliantTemplate, mutable } from './fixtures';

const C0 = 'spec.template.spec.containers[0]';

function violationsAfter(mutate: (t: any) => void, longRunning = true): string[] {
  const template = mutable(compliantTemplate());
  mutate(template);
  return checkHygiene(template, 'spec.template', { longRunning }).map((v) => `${v.code} ${v.path}`);
}

test('the compliant fixture passes', () => {
  expect(violationsAfter(() => undefined)).toEqual([]);
});

describe('resources', () => {
  test('fails on each missing request and limit', () => {
    expect(violationsAfter((t) => delete t.spec.containers[0].resources)).toEqual([
      `resources-missing ${C0}.resources.requests.cpu`,
      `resources-missing ${C0}.resources.requests.memory`,
      `resources-missing ${C0}.resources.requests.ephemeral-storage`,
      `resources-missing ${C0}.resources.limits.cpu`,
      `resources-missing ${C0}.resources.limits.memory`,
      `resources-missing ${C0}.resources.limits.ephemeral-storage`,
    ]);
  });

  test('fails on a missing ephemeral-storage limit alone', () => {
    expect(violationsAfter((t) => delete t.spec.containers[0].resources.limits['ephemeral-storage'])).toEqual([
      `resources-missing ${C0}.resources.limits.ephemeral-storage`,
    ]);
  });

  test('fails on an init container without resources, which a ResourceQuota would reject', () => {
    const init = { name: 'wait', image: 'busybox:1.36', resources: {} };
    expect(violationsAfter((t) => (t.spec.initContainers = [init]))).toHaveLength(6);
  });

  test('ignores ephemeral containers, which cannot set resources', () => {
    expect(violationsAfter((t) => (t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]))).toEqual([]);
  });
});

describe('probes', () => {
  test('fails on a serving container without readiness and liveness', () => {
    expect(violationsAfter((t) => {
      delete t.spec.containers[0].readinessProbe;
      delete t.spec.containers[0].livenessProbe;
    })).toEqual([`probe-missing ${C0}.readinessProbe`, `probe-missing ${C0}.livenessProbe`]);
  });

  test('fails on a container without ports and without liveness', () => {
    expect(violationsAfter((t) => {
      delete t.spec.containers[0].ports;
      delete t.spec.containers[0].readinessProbe;
      delete t.spec.containers[0].livenessProbe;
    })).toEqual([`probe-missing ${C0}.livenessProbe`]);
  });

  test('passes a container without ports with liveness only', () => {
    expect(violationsAfter((t) => {
      delete t.spec.containers[0].ports;
      delete t.spec.containers[0].readinessProbe;
    })).toEqual([]);
  });

  test('fails when liveness equals readiness', () => {
    expect(violationsAfter((t) => (t.spec.containers[0].livenessProbe = t.spec.containers[0].readinessProbe))).toEqual([
      `probes-identical ${C0}.livenessProbe`,
    ]);
  });

  test('requires no probes in pods that run to completion', () => {
    expect(violationsAfter((t) => {
      delete t.spec.containers[0].readinessProbe;
      delete t.spec.containers[0].livenessProbe;
    }, false)).toEqual([]);
  });
});

describe('images', () => {
  test.each([
    ['nginx', 'image-untagged'],
    ['', 'image-untagged'],
    ['registry.example.com:5000/team/app', 'image-untagged'],
    ['nginx:', 'image-untagged'],
    ['nginx:latest', 'image-latest'],
    ['registry.example.com:5000/team/app:latest', 'image-latest'],
  ])('fails on %p', (image, code) => {
    expect(checkImage(image, 'x.image')?.code).toBe(code);
    expect(violationsAfter((t) => (t.spec.containers[0].image = image))).toEqual([`${code} ${C0}.image`]);
  });

  test.each([
    'nginx:1.27.3',
    'registry.example.com:5000/team/app:2024.01',
    'postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'redis:7.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ])('passes %p', (image) => {
    expect(checkImage(image, 'x.image')).toBeUndefined();
  });
});
