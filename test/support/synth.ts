import { Chart, Testing } from 'cdk8s';

/** A Kubernetes object as synthesized (JSON boundary). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = any;

/** GIVEN: an empty chart with hash-free names, as the stack uses. */
export function givenChart(id = 'shop'): Chart {
  return new Chart(Testing.app(), id, { disableResourceNameHashes: true });
}

/** Synthesizes the chart (running every construct validation) into plain objects. */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart);
}

/** The synthesized objects of one kind, in output order. */
export function objectsOf(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

/** The single object of a kind; fails the test when there is not exactly one. */
export function onlyOf(manifests: readonly Manifest[], kind: string): Manifest {
  const found = objectsOf(manifests, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  return found[0];
}

/** The pod template spec of a workload object (Deployment, StatefulSet, Job). */
export function podSpecOf(workload: Manifest): Manifest {
  return workload.spec.template.spec;
}
