import type { Chart } from 'cdk8s';
import { EMPTY_DIR_SIZE, PDB, POD, ROLLING_UPDATE, type ResourceDefaults } from '../../lib/defaults';
import { checkManifest } from '../../lib/policy/manifest';
import { Manifest, objectsOf, onlyOf, podSpecOf, synth } from '../support/synth';

/** A writable path as listed in WRITABLE_PATHS (lib/defaults.ts). */
export type WritablePaths = readonly { readonly path: string; readonly sizeLimit?: string; readonly medium?: string }[];

/** What a role's rendered pod must look like, taken from lib/defaults.ts. */
export interface ExpectedRole {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'Job';
  readonly identity: { readonly runAsUser: number; readonly runAsGroup: number; readonly fsGroup: number };
  readonly resources: ResourceDefaults;
  /** Paths that must be writable emptyDirs (nothing else may be an emptyDir). */
  readonly writablePaths: WritablePaths;
  /** Jobs run to completion and carry no probes. */
  readonly probes: boolean;
}

/** The role's only container. */
export function containerOf(workload: Manifest): Manifest {
  const containers = podSpecOf(workload).containers;
  expect(containers).toHaveLength(1);
  return containers[0];
}

/**
 * THEN: every invariant the security baseline and the issue ask of a role's pod and companions. Each expectation
 * names the field it checks, so a failure points at the broken default.
 */
export function expectHardenedRole(manifests: readonly Manifest[], expected: ExpectedRole): Manifest {
  const workload = onlyOf(manifests, expected.kind);
  const pod = podSpecOf(workload);
  const container = containerOf(workload);
  const podLabels = workload.spec.template.metadata.labels;
  // The stable selector: name + instance, never a hashed cdk8s address label.
  const selector = { 'app.kubernetes.io/name': expected.name, 'app.kubernetes.io/instance': podLabels['app.kubernetes.io/instance'] };
  expectSubsetOf(podLabels, selector);

  // B's Pod Security restricted v1.28 and hygiene checks (resources, probes, pinned image) find nothing.
  expect(checkManifest(workload)).toEqual([]);

  // Identity: numeric, non-zero, the image family's ids, on the pod and the container.
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, ...expected.identity, seccompProfile: { type: 'RuntimeDefault' } });
  expect(container.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: expected.identity.runAsUser,
    runAsGroup: expected.identity.runAsGroup,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });

  // Read-only root with exactly the image's writable paths as sized emptyDirs.
  const emptyDirs = (pod.volumes ?? []).filter((v: Manifest) => v.emptyDir);
  const mounted = emptyDirs.map((v: Manifest) => container.volumeMounts.find((m: Manifest) => m.name === v.name)?.mountPath);
  expect([...mounted].sort()).toEqual(expected.writablePaths.map((p) => p.path).sort());
  for (const p of expected.writablePaths) {
    const volume = emptyDirs[mounted.indexOf(p.path)];
    expect(volume.emptyDir.sizeLimit).toBe(p.sizeLimit ?? EMPTY_DIR_SIZE);
    expect(volume.emptyDir.medium).toBe(p.medium);
  }

  // All six resource values, straight from the defaults table.
  expect(container.resources).toEqual({
    requests: { cpu: expected.resources.requests.cpu, memory: expected.resources.requests.memory, 'ephemeral-storage': expected.resources.requests.ephemeralStorage },
    limits: { cpu: expected.resources.limits.cpu, memory: expected.resources.limits.memory, 'ephemeral-storage': expected.resources.limits.ephemeralStorage },
  });

  if (expected.probes) {
    expect(container.livenessProbe).toBeDefined();
    expect(container.readinessProbe).toBeDefined();
    expect(container.startupProbe).toBeDefined();
    expect(container.livenessProbe).not.toEqual(container.readinessProbe);
  } else {
    expect([container.livenessProbe, container.readinessProbe, container.startupProbe]).toEqual([undefined, undefined, undefined]);
  }

  // Pod hygiene.
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.enableServiceLinks).toBe(false);
  expect(pod.serviceAccountName).toBe(expected.name);
  expect(container.imagePullPolicy).toBe(POD.imagePullPolicy);
  expect(container.name).toBe(expected.name);
  expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([{
    weight: POD.antiAffinityWeight,
    podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } },
  }]);
  for (const port of container.ports ?? []) expect(port.containerPort).toBeGreaterThanOrEqual(1024);

  // Names: every object of the role is named exactly like the role; no hashes.
  for (const m of manifests) expect(m.metadata.name).toBe(expected.name);
  const serviceAccount = onlyOf(manifests, 'ServiceAccount');
  expect(serviceAccount.automountServiceAccountToken).toBe(false);

  // Selectors of the controller, Services and PDBs select exactly these pods.
  if (expected.kind !== 'Job') expect(workload.spec.selector.matchLabels).toEqual(selector);
  for (const service of objectsOf(manifests, 'Service')) expect(service.spec.selector).toEqual(selector);
  for (const pdb of objectsOf(manifests, 'PodDisruptionBudget')) {
    expect(pdb.spec.selector.matchLabels).toEqual(selector);
    expect(pdb.spec).toMatchObject({ maxUnavailable: PDB.maxUnavailable, unhealthyPodEvictionPolicy: PDB.unhealthyPodEvictionPolicy });
  }

  // An HPA targets this workload, and then the workload leaves `replicas` to it.
  for (const hpa of objectsOf(manifests, 'HorizontalPodAutoscaler')) {
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: workload.apiVersion, kind: workload.kind, name: expected.name });
    expect(workload.spec.replicas).toBeUndefined();
  }
  if (expected.kind === 'Deployment' && workload.spec.strategy.type === 'RollingUpdate') {
    expect(workload.spec.strategy.rollingUpdate).toEqual(ROLLING_UPDATE);
  }
  return workload;
}

/** Asserts every selector label is on the pod (and the selector is not empty); returns the selector. */
export function expectSubsetOf(podLabels: Record<string, string>, selector: Record<string, string>): Record<string, string> {
  expect(Object.keys(selector).length).toBeGreaterThan(0);
  expect(podLabels).toMatchObject(selector);
  return selector;
}

/** THEN: building the same chart twice renders byte-identical output. */
export function expectDeterministic(build: () => Chart): void {
  expect(JSON.stringify(synth(build()))).toBe(JSON.stringify(synth(build())));
}
