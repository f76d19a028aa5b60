import { IMAGE_IDENTITY, RESOURCES, TASK, WRITABLE_PATHS } from '../../lib/defaults';
import { Task, type TaskProps } from '../../lib/services/task';
import { givenChart, objectsOf, onlyOf, synth } from '../support/synth';
import { expectDeterministic, expectHardenedRole } from './invariants';

function givenTask(props: Partial<TaskProps> = {}) {
  const chart = givenChart();
  const task = new Task(chart, 'migrate', { image: 'myorg/api:1.4.2', args: ['python', 'manage.py', 'migrate'], ...props });
  return { chart, task, manifests: synth(chart) };
}

describe('Task', () => {
  test('renders ServiceAccount and Job (snapshot)', () => {
    expect(givenTask().manifests).toMatchSnapshot();
  });

  test('is hardened like every role, without probes', () => {
    expectHardenedRole(givenTask().manifests, {
      name: 'migrate', kind: 'Job', identity: IMAGE_IDENTITY.app, resources: RESOURCES.app,
      writablePaths: WRITABLE_PATHS.app, probes: false,
    });
  });

  test('cleans up after itself and retries a bounded number of times', () => {
    const job = onlyOf(givenTask().manifests, 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: TASK.backoffLimit, ttlSecondsAfterFinished: TASK.ttlSecondsAfterFinished });
    expect(job.spec.template.spec.restartPolicy).toBe(TASK.restartPolicy);
  });

  test('has no Service, HPA or PDB', () => {
    const { manifests } = givenTask();
    expect(manifests.map((m) => m.kind)).toEqual(['ServiceAccount', 'Job']);
    expect(objectsOf(manifests, 'Service')).toEqual([]);
  });

  test('job settings are props', () => {
    const job = onlyOf(givenTask({ backoffLimit: 0, ttlSecondsAfterFinished: 60, activeDeadlineSeconds: 600, restartPolicy: 'OnFailure' }).manifests, 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 60, activeDeadlineSeconds: 600 });
    expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('re-synth is byte-identical', () => {
    expectDeterministic(() => givenTask().chart);
  });
});
