import { App, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LIMIT_RANGE, RESOURCE_QUOTA } from '../../lib/defaults';
import { defineExampleStack, exampleStackProps, synthExample } from '../../lib/example';
import { checkHygiene } from '../../lib/policy/hygiene';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';
import { StandardWebStack } from '../../lib/stack/standard';
import { OUTPUT_MARKER } from '../../lib/output-dir';
import { publishAtomically } from '../../lib/synth';
import { objectsOf, synth, type Manifest } from '../support/synth';
import { declaredEdges, dnsEdges, parseQuantity, podLabelsByWorkload, renderedEdges, workloadsSelectedBy, misuseCode } from './support';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'Pod'];

function exampleManifests(options: { celery?: boolean } = {}): Manifest[] {
  return synth(defineExampleStack(Testing.app(), options));
}

const manifests = exampleManifests();
const workloads = manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind));
const names = (ms: readonly Manifest[]): string[] => ms.map((m) => `${m.kind}/${m.metadata.name}`);

test('whole-stack snapshot', () => {
  expect(manifests).toMatchSnapshot();
});

test('names are human and stable', () => {
  expect(names(manifests)).toEqual([
    'Namespace/webstack', 'ResourceQuota/quota', 'LimitRange/limits',
    'NetworkPolicy/default-deny', 'NetworkPolicy/allow-dns', 'NetworkPolicy/postgres', 'NetworkPolicy/redis',
    'NetworkPolicy/backend', 'NetworkPolicy/frontend', 'NetworkPolicy/celery-worker', 'NetworkPolicy/celery-beat', 'NetworkPolicy/proxy',
    'ServiceAccount/postgres', 'Service/postgres', 'StatefulSet/postgres', 'PodDisruptionBudget/postgres',
    'ServiceAccount/redis', 'Service/redis', 'StatefulSet/redis', 'PodDisruptionBudget/redis',
    'ServiceAccount/backend', 'Deployment/backend', 'HorizontalPodAutoscaler/backend', 'PodDisruptionBudget/backend', 'Service/backend',
    'ServiceAccount/frontend', 'Deployment/frontend', 'HorizontalPodAutoscaler/frontend', 'PodDisruptionBudget/frontend', 'Service/frontend',
    'ServiceAccount/celery-worker', 'Deployment/celery-worker', 'HorizontalPodAutoscaler/celery-worker', 'PodDisruptionBudget/celery-worker',
    'ServiceAccount/celery-beat', 'Deployment/celery-beat', 'PodDisruptionBudget/celery-beat',
    'ServiceAccount/proxy', 'Deployment/proxy', 'HorizontalPodAutoscaler/proxy', 'PodDisruptionBudget/proxy', 'ConfigMap/proxy', 'Service/proxy',
  ]);
});

describe('every pod', () => {
  test.each(names(workloads))('%s passes Pod Security restricted v1.28', (name) => {
    const located = podTemplateOf(workloads.find((w) => `${w.kind}/${w.metadata.name}` === name));
    expect(located).toBeDefined();
    expect(checkRestricted(located!.template, located!.templatePath)).toEqual([]);
  });

  test.each(names(workloads))('%s has requests, limits, probes and pinned images', (name) => {
    const located = podTemplateOf(workloads.find((w) => `${w.kind}/${w.metadata.name}` === name))!;
    expect(checkHygiene(located.template, located.templatePath, { longRunning: located.longRunning })).toEqual([]);
  });

  test('fits the LimitRange ceiling, container by container', () => {
    for (const w of workloads) {
      for (const c of podTemplateOf(w)!.template.spec!.containers!) {
        for (const [key, max] of Object.entries(LIMIT_RANGE.max)) {
          expect([w.metadata.name, key, parseQuantity(c.resources!.limits![key]!) <= parseQuantity(max)]).toEqual([w.metadata.name, key, true]);
        }
      }
    }
  });
});

describe('autoscaling', () => {
  const hpas = objectsOf(manifests, 'HorizontalPodAutoscaler');

  test('every HPA targets an existing workload, and that workload leaves replicas to it', () => {
    expect(hpas.length).toBeGreaterThan(0);
    for (const hpa of hpas) {
      const target = workloads.find((w) => w.kind === hpa.spec.scaleTargetRef.kind && w.metadata.name === hpa.spec.scaleTargetRef.name);
      expect([hpa.metadata.name, target?.apiVersion]).toEqual([hpa.metadata.name, hpa.spec.scaleTargetRef.apiVersion]);
      expect(target.spec.replicas).toBeUndefined();
    }
  });

  test('the quota admits every workload at full scale plus its rollout surge, and every volume claim', () => {
    const totals: Record<string, number> = {};
    const add = (key: string, amount: number): void => {
      totals[key] = (totals[key] ?? 0) + amount;
    };
    for (const w of workloads) {
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === w.metadata.name && h.spec.scaleTargetRef.kind === w.kind);
      const surge = w.kind === 'Deployment' && w.spec.strategy?.type !== 'Recreate' ? Number(w.spec.strategy?.rollingUpdate?.maxSurge ?? 1) : 0;
      const pods = (hpa ? hpa.spec.maxReplicas : w.spec.replicas ?? 1) + surge;
      add('pods', pods);
      for (const claim of w.kind === 'StatefulSet' ? w.spec.volumeClaimTemplates ?? [] : []) {
        add('persistentvolumeclaims', pods);
        add('requests.storage', pods * parseQuantity(claim.spec.resources.requests.storage));
      }
      for (const c of podTemplateOf(w)!.template.spec!.containers!) {
        for (const kind of ['requests', 'limits'] as const) {
          for (const [resource, value] of Object.entries(c.resources![kind]!)) add(`${kind}.${resource}`, pods * parseQuantity(value));
        }
      }
    }
    for (const [key, hard] of Object.entries(RESOURCE_QUOTA).filter(([k]) => k in totals)) {
      expect([key, totals[key]! <= parseQuantity(hard)]).toEqual([key, true]);
    }
    expect(Object.keys(totals).filter((k) => !(k in RESOURCE_QUOTA))).toEqual([]);
  });
});

describe('selectors', () => {
  test('every PDB selects the pods of exactly one workload, named like it', () => {
    for (const pdb of objectsOf(manifests, 'PodDisruptionBudget')) {
      expect(workloadsSelectedBy(manifests, pdb.spec.selector.matchLabels)).toEqual([pdb.metadata.name]);
    }
  });

  test('every Service selects the pods of exactly one workload, on ports its containers declare', () => {
    for (const service of objectsOf(manifests, 'Service')) {
      const [selected, ...rest] = workloadsSelectedBy(manifests, service.spec.selector);
      expect([service.metadata.name, selected, rest]).toEqual([service.metadata.name, service.metadata.name, []]);
      const workload = workloads.find((w) => w.metadata.name === selected)!;
      const containerPorts = podTemplateOf(workload)!.template.spec!.containers!.flatMap((c) => (c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
      for (const port of service.spec.ports) expect(containerPorts).toContain(port.targetPort);
    }
  });

  test('every workload selector matches its own pod labels', () => {
    const labels = podLabelsByWorkload(manifests);
    for (const w of workloads) {
      expect(Object.entries(w.spec.selector.matchLabels).every(([k, v]) => labels.get(w.metadata.name)?.[k] === v)).toBe(true);
    }
  });
});

describe('network policy edges', () => {
  test('equal the declared dependencies, plus DNS for every workload', () => {
    const stack = defineExampleStack(Testing.app());
    const rendered = renderedEdges(synth(stack));
    const declared = declaredEdges(stack.roles);
    expect(rendered.ingress).toEqual(declared.ingress);
    expect(rendered.egress).toEqual([...declared.egress, ...dnsEdges(workloads.map((w) => w.metadata.name))].sort());
  });

  test('are exactly the edges the stack needs', () => {
    expect(renderedEdges(manifests).ingress).toEqual([
      '*->proxy:8080/TCP',
      'backend->postgres:5432/TCP',
      'backend->redis:6379/TCP',
      'celery-beat->redis:6379/TCP',
      'celery-worker->postgres:5432/TCP',
      'celery-worker->redis:6379/TCP',
      'proxy->backend:8000/TCP',
      'proxy->frontend:8080/TCP',
    ]);
  });

  test('a stack without celery has no celery edges and no celery objects', () => {
    const withoutCelery = exampleManifests({ celery: false });
    const { ingress, egress } = renderedEdges(withoutCelery);
    expect([...ingress, ...egress].filter((e) => e.includes('celery'))).toEqual([]);
    expect(names(withoutCelery).filter((n) => n.includes('celery'))).toEqual([]);
    expect(ingress).toEqual(renderedEdges(manifests).ingress.filter((e) => !e.includes('celery')));
  });
});

describe('secrets', () => {
  test('are referenced, never written: a secretKeyRef, or a *_FILE path into a mounted Secret', () => {
    expect(objectsOf(manifests, 'Secret')).toEqual([]);
    const env = workloads.flatMap((w) => {
      const spec = podTemplateOf(w)!.template.spec!;
      const secretVolumes = new Set((spec.volumes ?? []).filter((v: Manifest) => v.secret).map((v: Manifest) => v.name));
      return spec.containers!.flatMap((c: Manifest) => {
        const secretDirs = (c.volumeMounts ?? []).filter((m: Manifest) => secretVolumes.has(m.name)).map((m: Manifest) => `${m.mountPath}/`);
        return (c.env ?? []).map((e: Manifest) => ({ ...e, secretDirs }));
      });
    });
    const secretLooking = env.filter((e: Manifest) => /PASSWORD|SECRET|TOKEN|KEY/.test(e.name));
    const [files, refs] = [secretLooking.filter((e) => e.name.endsWith('_FILE')), secretLooking.filter((e) => !e.name.endsWith('_FILE'))];
    expect(files.length).toBeGreaterThan(0);
    expect(refs.length).toBeGreaterThan(0);
    for (const e of refs) expect([e.name, e.value, e.valueFrom?.secretKeyRef?.name]).toEqual([e.name, undefined, expect.any(String)]);
    for (const e of files) expect([e.name, e.secretDirs.some((dir: string) => e.value.startsWith(dir))]).toEqual([e.name, true]);
  });
});

describe('output', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-example-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** What main.ts does, with a user override that breaks restricted when `breakIt` is set. */
  function publishExample(dist: string, breakIt = false): void {
    if (!breakIt) return publishAtomically(dist, synthExample);
    publishAtomically(dist, (staging) => {
      const app = new App({ outdir: staging });
      const stack = defineExampleStack(app);
      stack.backend.deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/securityContext/runAsUser', 0));
      app.synth();
    });
  }

  test('re-synth is byte-identical, in one stable file, equal to the in-memory synth the tests check', () => {
    const dist = path.join(root, 'dist');
    publishExample(dist);
    const first = fs.readFileSync(path.join(dist, 'webstack.k8s.yaml'), 'utf8');
    const inMemory = Testing.app();
    defineExampleStack(inMemory);
    expect(first).toBe(inMemory.synthYaml());
    publishExample(dist);
    expect(fs.readdirSync(dist).sort()).toEqual([OUTPUT_MARKER, 'webstack.k8s.yaml']);
    expect(fs.readFileSync(path.join(dist, 'webstack.k8s.yaml'), 'utf8')).toBe(first);
  });

  test('every output layout gets the role policies, including one that never calls toJson()', () => {
    const app = new App({ outdir: path.join(root, 'out'), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    defineExampleStack(app);
    app.synth();
    const policies = fs.readdirSync(path.join(root, 'out', 'webstack')).filter((f) => f.startsWith('NetworkPolicy.'));
    expect(policies).toEqual(objectsOf(manifests, 'NetworkPolicy').map((p) => `NetworkPolicy.${p.metadata.name}.k8s.yaml`).sort());
  });

  test('a failing synth leaves the previous dist/ intact', () => {
    const dist = path.join(root, 'dist');
    publishExample(dist);
    const before = fs.readFileSync(path.join(dist, 'webstack.k8s.yaml'), 'utf8');
    expect(() => publishExample(dist, true)).toThrow('error[pss-run-as-user]');
    expect(fs.readdirSync(dist).sort()).toEqual([OUTPUT_MARKER, 'webstack.k8s.yaml']);
    expect(fs.readFileSync(path.join(dist, 'webstack.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });
});

describe('StandardWebStack errors', () => {
  test('fails on a celery worker without redis', () => {
    const { redis: _redis, celeryBeat: _beat, ...props } = exampleStackProps();
    expect(misuseCode(() => new StandardWebStack(Testing.app(), 'shop', props))).toBe('celery-without-broker');
  });

  test('fails on celery beat without a worker', () => {
    const { celeryWorker: _worker, ...props } = exampleStackProps();
    expect(misuseCode(() => new StandardWebStack(Testing.app(), 'shop', props))).toBe('beat-without-worker');
  });
});
