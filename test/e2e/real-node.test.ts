/**
 * Issue 10: the example stack (`dist/`) running on a real node (test/support/node.ts) with stand-in images
 * (test/node/images): every pod Ready under Pod Security restricted, the hardening seen from inside each
 * container, traffic through the proxy to the SPA and to the API (postgres, redis, a Celery task), the
 * NetworkPolicies enforced, data surviving its pod, a rolling update losing no request, and negative controls the
 * node must catch.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { KubeObject } from '../support/kubectl';
import { NODE_NETWORK, RealNode } from '../support/node';
import { REPO_ROOT } from '../support/tools';
import { corpusCases } from '../support/corpus';
import { apply } from './apply';
import { convertCase, namespaceFor } from './corpus-conversion';
import { loadObjects } from './manifests';

const reason = RealNode.unavailable();
if (reason) {
  // Said plainly, once: these tests did not run, and why.
  process.stderr.write(`\nreal-node tests DID NOT RUN: ${reason}\n\n`);
}
const describeOnNode = reason ? describe.skip : describe;

const DIST = path.join(REPO_ROOT, 'dist');
const NAMESPACE = 'webstack';
/** A cold node unpacks every image once; probes then need their initial delays. */
const READY_TIMEOUT_S = 300;

const CORPUS_ON_NODE: readonly { readonly id: string; readonly connects: readonly Edge[]; readonly refused: readonly Edge[] }[] = [
  { id: 'awesome-compose/nginx-golang-postgres', connects: [['proxy', 'backend', 8000], ['backend', 'db', 5432]], refused: [['proxy', 'db', 5432]] },
  // frontend and db share no Compose network: refused there as here.
  { id: 'awesome-compose/react-rust-postgres', connects: [['backend', 'db', 5432]], refused: [['frontend', 'db', 5432]] },
];
type Edge = readonly [from: string, to: string, port: number];
const ranOnNode: string[] = [];

let node: RealNode;

describeOnNode('on a real node', () => {
  beforeAll(async () => {
    node = await RealNode.start('real-node');
  }, 30 * 60_000);

  afterAll(async () => {
    await node?.stop();
  }, 10 * 60_000);

  describe('the example stack (dist/)', exampleStack);
  describe('converted corpus projects', convertedProjects);
});

function exampleStack(): void {
  beforeAll(async () => {
    const applied = await apply(node.kubectl, DIST);
    if (applied.code !== 0) throw new Error(`kubectl apply -f dist failed:\n${applied.stderr}`);
    await createSecrets();
    const ready = await node.kubectl.run(['wait', 'pods', '--all', `--namespace=${NAMESPACE}`, '--for=condition=Ready', `--timeout=${READY_TIMEOUT_S}s`], undefined, (READY_TIMEOUT_S + 30) * 1000);
    if (ready.code !== 0) throw new Error(`pods not Ready:\n${ready.stderr}\n${await node.kubectl.run(['get', 'pods', '-A', '-o', 'wide']).then((r) => r.stdout)}\nlogs: ${node.logs}`);
  }, 10 * 60_000);

  test('every workload of dist/ has all its pods Ready in a namespace that enforces restricted', async () => {
    const namespace = await node.kubectl.list(['namespaces', `--field-selector=metadata.name=${NAMESPACE}`]);
    expect(namespace.items[0]?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const workloads = loadObjects({ dir: DIST }).filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
    const live = await node.kubectl.list(['deployments,statefulsets', `--namespace=${NAMESPACE}`]);
    const readiness = Object.fromEntries(live.items.map((w) => [w.metadata.name, `${w.status.readyReplicas ?? 0}/${w.spec.replicas}`]));
    expect(readiness).toEqual(Object.fromEntries(workloads.map((w) => [w.metadata.name, `${w.spec.replicas ?? 1}/${w.spec.replicas ?? 1}`])));
  });

  test('inside every container: the manifest\'s uid, no capabilities, no new privileges, seccomp, a read-only root', async () => {
    const pods = await node.kubectl.list(['pods', `--namespace=${NAMESPACE}`]);
    const seen: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const pod of pods.items) {
      for (const container of pod.spec.containers) {
        const uid = container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
        const key = `${pod.metadata.name}/${container.name}`;
        expected[key] = `Uid ${uid} CapEff 0000000000000000 NoNewPrivs 1 Seccomp 2 root ro`;
        // PID 1 is the container's own process: what it runs with, read by the kernel, not by the manifest.
        const status = await node.kubectl.ok(['exec', `--namespace=${NAMESPACE}`, pod.metadata.name, '-c', container.name, '--', 'cat', '/proc/1/status', '/proc/1/mounts']);
        const field = (name: string): string => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1] ?? '?';
        const root = /^\S+ \/ \S+ (\w+)/m.exec(status)?.[1] ?? '?';
        seen[key] = `Uid ${field('Uid')} CapEff ${field('CapEff')} NoNewPrivs ${field('NoNewPrivs')} Seccomp ${field('Seccomp')} root ${root}`;
      }
    }
    expect(seen).toEqual(expected);
  });

  test('through the proxy\'s Service: / reaches the SPA, /api/visits the API, which writes postgres and redis and gets a Celery task\'s result', async () => {
    const spa = await viaProxy('/');
    expect(spa).toMatchObject({ status: 200 });
    expect(spa.body).toContain('webstack-spa stand-in');
    const first = await visits();
    const second = await visits();
    expect(second.postgres_rows).toBe(first.postgres_rows + 1);
    expect(second.redis_visits).toBe(first.redis_visits + 1);
    // The worker computed row id + 1000; ids count up from 1 with one row per request.
    expect(second.celery_add).toBe(second.postgres_rows + 1000);
  });

  describe('NetworkPolicies, enforced by kube-router', () => {
    test('a declared edge connects: backend -> postgres, backend -> redis', async () => {
      expect(await canConnect('backend', 'postgres', 5432)).toBe(true);
      expect(await canConnect('backend', 'redis', 6379)).toBe(true);
    });

    test('a connection no policy allows is refused: frontend -> postgres, backend -> a host outside the cluster', async () => {
      expect(await canConnect('frontend', 'postgres', 5432)).toBe(false);
      // The control: the node itself reaches the test host.
      expect(await httpGet(`http://${NODE_NETWORK.testHost}:${NODE_NETWORK.testHostPort}/`)).toMatchObject({ status: 200 });
      expect(await canConnect('backend', NODE_NETWORK.testHost, NODE_NETWORK.testHostPort)).toBe(false);
    });
  });

  test('postgres data survives deleting its pod', async () => {
    const before = await visits();
    await node.kubectl.ok(['delete', 'pod', 'postgres-0', `--namespace=${NAMESPACE}`]);
    await waitReady('statefulset/postgres');
    await waitReady('deployment/backend');
    const after = await visits();
    expect(after.postgres_rows).toBe(before.postgres_rows + 1);
  }, 300_000);

  test('a rolling update of the backend under a request loop loses no request', async () => {
    const outcomes: number[] = [];
    const restarted = node.kubectl.ok(['rollout', 'restart', 'deployment/backend', `--namespace=${NAMESPACE}`]).then(() => node.kubectl.run(['rollout', 'status', 'deployment/backend', `--namespace=${NAMESPACE}`, '--timeout=240s'], undefined, 250_000));
    let done = false;
    void restarted.then(() => (done = true));
    // Bounded: at most 2000 requests, each to the proxy on the bridge, until the rollout has finished.
    while (!done && outcomes.length < 2000) outcomes.push((await viaProxy('/api/visits')).status);
    expect((await restarted).code).toBe(0);
    expect(outcomes.length).toBeGreaterThan(10);
    expect(outcomes.filter((status) => status !== 200)).toEqual([]);
    const pods = await node.kubectl.list(['pods', `--namespace=${NAMESPACE}`, '--selector=app.kubernetes.io/name=backend']);
    // The pods serving now (not those still terminating) are the new ones: the restart stamped their template.
    const serving = pods.items.filter((pod) => pod.metadata.deletionTimestamp === undefined);
    expect(serving.map((pod) => pod.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] !== undefined)).toEqual(serving.map(() => true));
  }, 300_000);

  describe('negative controls: what only a node catches', () => {
    test('the proxy without its writable /tmp emptyDir never becomes Ready (nginx cannot create its temp paths on a read-only root)', async () => {
      const proxy = variant('Deployment', 'proxy', 'proxy-without-tmp', (spec) => {
        const mount = spec.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/tmp');
        spec.containers[0].volumeMounts = spec.containers[0].volumeMounts.filter((m: { name: string }) => m.name !== mount.name);
        spec.volumes = spec.volumes.filter((v: { name: string }) => v.name !== mount.name);
      });
      expect((await apply(node.kubectl, [proxy])).code).toBe(0);
      const logs = await failureOf('proxy-without-tmp');
      expect(logs).toContain('Read-only file system');
    }, 180_000);

    test('a container whose image runs as root is refused by the kubelet under runAsNonRoot', async () => {
      const rooted = variant('Deployment', 'frontend', 'frontend-image-as-root', (spec) => {
        for (const context of [spec.securityContext, spec.containers[0].securityContext ?? {}]) {
          delete context.runAsUser;
          delete context.runAsGroup;
        }
        spec.containers[0].image = 'webstack.local/coredns:1'; // a stand-in whose image user is 0
        spec.containers[0].imagePullPolicy = 'Never';
      });
      expect((await apply(node.kubectl, [rooted])).code).toBe(0);
      expect(await failureOf('frontend-image-as-root')).toContain('runAsNonRoot and image will run as root');
    }, 180_000);
  });
}

/**
 * Converted corpus projects on the same node: each converted exactly as the corpus tests do (the flags the
 * converter's errors suggest, test/e2e/corpus-conversion.ts), its images stood in by repository (postgres, redis,
 * the official nginx; a build-only service by the application image), its Secrets created with random values,
 * then applied: every pod Ready, each dependency the project declares connects, and one it does not is refused.
 */

function convertedProjects(): void {
  // One project at a time on a 2-core node: the example's namespace goes first, each project's after its test.
  beforeAll(async () => {
    await node.kubectl.ok(['delete', 'namespace', NAMESPACE, '--wait=true', '--timeout=180s'], undefined, 200_000);
  }, 240_000);

  afterAll(() => {
    process.stdout.write(`\nconverted corpus projects on the real node:\n${ranOnNode.map((line) => `  ${line}`).join('\n')}\n`);
  });

  test.each(CORPUS_ON_NODE.map((c) => [c.id, c] as const))('%s: converted, applied, every pod Ready, its dependencies connect', async (id, c) => {
    const corpusCase = corpusCases().find((candidate) => candidate.id === id);
    if (!corpusCase) throw new Error(`${id} is not in the corpus`);
    const namespace = namespaceFor(id);
    const conversion = convertCase(corpusCase, namespace);
    expect(conversion.errorCodes).toEqual([]);
    const objects = loadObjects({ dir: conversion.dir });
    const images = [...new Set(objects.flatMap((o) => o.spec?.template?.spec?.containers ?? []).map((container: { image: string }) => container.image))];
    for (const image of images) await node.tagImage(standInFor(image), image);
    expect((await apply(node.kubectl, conversion.dir)).code).toBe(0);
    await createReferencedSecrets(objects, namespace);
    const ready = await node.kubectl.run(['wait', 'pods', '--all', `--namespace=${namespace}`, '--for=condition=Ready', `--timeout=${READY_TIMEOUT_S}s`], undefined, (READY_TIMEOUT_S + 30) * 1000);
    expect({ ready: ready.code, stderr: ready.stderr }).toEqual({ ready: 0, stderr: '' });
    for (const [from, to, port] of c.connects) expect(`${from} -> ${to}:${port} ${await canConnect(from, to, port, namespace)}`).toBe(`${from} -> ${to}:${port} true`);
    for (const [from, to, port] of c.refused) expect(`${from} -> ${to}:${port} ${await canConnect(from, to, port, namespace)}`).toBe(`${from} -> ${to}:${port} false`);
    const pods = await node.kubectl.list(['pods', `--namespace=${namespace}`]);
    ranOnNode.push(`${id}: ${pods.items.length} pod(s) Ready (${images.map((image) => `${image} on ${standInFor(image)}`).join(', ')}); connected ${c.connects.map(([f, t, p]) => `${f}->${t}:${p}`).join(', ')}${c.refused.length ? `; refused ${c.refused.map(([f, t, p]) => `${f}->${t}:${p}`).join(', ')}` : ''}`);
    fs.rmSync(conversion.dir, { recursive: true, force: true });
    await node.kubectl.ok(['delete', 'namespace', namespace, '--wait=true', '--timeout=180s'], undefined, 200_000);
  }, 600_000);
}

/** The stand-in that runs a converted project's image: by repository, and the application image for its own builds. */
function standInFor(image: string): string {
  const repository = image.replace(/[:@].*$/, '').split('/').pop() ?? '';
  if (repository === 'postgres') return 'postgres:16.6-bookworm';
  if (repository === 'redis') return 'redis:7.4.1-bookworm';
  if (repository === 'nginx') return 'webstack.local/nginx-official:1';
  return 'ghcr.io/example/webstack-api:1.4.2';
}

/** Every Secret key the manifests reference (env and volumes), created with random values. */
async function createReferencedSecrets(objects: readonly KubeObject[], namespace: string): Promise<void> {
  const keys = new Map<string, Set<string>>();
  const need = (name: string, key: string): void => void (keys.get(name) ?? keys.set(name, new Set()).get(name))?.add(key);
  for (const spec of objects.map((o) => o.spec?.template?.spec).filter(Boolean)) {
    for (const container of spec.containers) {
      for (const env of container.env ?? []) if (env.valueFrom?.secretKeyRef) need(env.valueFrom.secretKeyRef.name, env.valueFrom.secretKeyRef.key);
    }
    for (const volume of spec.volumes ?? []) for (const item of volume.secret?.items ?? []) need(volume.secret.secretName, item.key);
  }
  for (const [name, secretKeys] of keys) {
    // A letter first and hex after: valid as a password and as a database user name alike.
    const literals = [...secretKeys].map((key) => `--from-literal=${key}=u${randomBytes(12).toString('hex')}`);
    await node.kubectl.ok(['create', 'secret', 'generic', name, `--namespace=${namespace}`, ...literals]);
  }
}

interface Visits {
  readonly postgres_rows: number;
  readonly redis_visits: number;
  readonly celery_add: number;
}

async function visits(): Promise<Visits> {
  const response = await viaProxy('/api/visits');
  if (response.status !== 200) throw new Error(`/api/visits answered ${response.status}: ${response.body}`);
  return JSON.parse(response.body) as Visits;
}

/** GET through the proxy's Service (its ClusterIP, which kube-proxy routes on this machine). */
async function viaProxy(pathname: string): Promise<HttpResult> {
  const service = (await node.kubectl.list(['services', `--namespace=${NAMESPACE}`, '--field-selector=metadata.name=proxy'])).items[0];
  return httpGet(`http://${service?.spec.clusterIP}:${service?.spec.ports[0].port}${pathname}`);
}

interface HttpResult {
  /** 0 when no response came (refused, reset, timed out). */
  readonly status: number;
  readonly body: string;
}

function httpGet(url: string): Promise<HttpResult> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 15_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', () => resolve({ status: 0, body: '' }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error) => resolve({ status: 0, body: error.message }));
  });
}

/** Whether a TCP connection from the workload's pod to host:port opens within 3 s (perl is in every stand-in). */
async function canConnect(from: string, host: string, port: number, namespace = NAMESPACE): Promise<boolean> {
  const script = `use IO::Socket::INET; exit(IO::Socket::INET->new(PeerAddr => "${host}", PeerPort => ${port}, Timeout => 3) ? 0 : 1)`;
  const workload = (await node.kubectl.list(['deployments,statefulsets', `--namespace=${namespace}`, `--field-selector=metadata.name=${from}`])).items[0];
  const result = await node.kubectl.run(['exec', `--namespace=${namespace}`, `${workload?.kind.toLowerCase()}/${from}`, '--', 'perl', '-e', script]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`kubectl exec failed:\n${result.stderr}`);
  return result.code === 0;
}

async function waitReady(workload: string): Promise<void> {
  await node.kubectl.ok(['rollout', 'status', workload, `--namespace=${NAMESPACE}`, '--timeout=240s'], undefined, 250_000);
}

/**
 * A copy of one of dist/'s workloads under another name and labels (so no Service or policy of the stack selects
 * it, and the original keeps running), changed by `change` on its pod spec.
 */
function variant(kind: string, name: string, newName: string, change: (podSpec: any) => void): KubeObject {
  const original = loadObjects({ dir: DIST }).find((o) => o.kind === kind && o.metadata.name === name);
  if (!original) throw new Error(`${kind}/${name} is not in dist/`);
  const copy = JSON.parse(JSON.stringify(original));
  const labels = { 'app.kubernetes.io/name': newName };
  copy.metadata = { name: newName, namespace: NAMESPACE, labels };
  copy.spec.replicas = 1;
  copy.spec.selector = { matchLabels: labels };
  copy.spec.template.metadata = { labels };
  change(copy.spec.template.spec);
  return copy;
}

/** Waits until the workload's pod shows why it fails (a container that exits or cannot be created); its logs and events. */
async function failureOf(name: string): Promise<string> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const pods = await node.kubectl.list(['pods', `--namespace=${NAMESPACE}`, `--selector=app.kubernetes.io/name=${name}`]);
    const pod = pods.items[0];
    const status = pod?.status.containerStatuses?.[0];
    const failed = status && !status.ready && (status.restartCount > 0 || status.state.waiting?.reason === 'CreateContainerConfigError');
    if (pod && failed) {
      const previous = await node.kubectl.run(['logs', `--namespace=${NAMESPACE}`, pod.metadata.name, '--previous']);
      const current = await node.kubectl.run(['logs', `--namespace=${NAMESPACE}`, pod.metadata.name]);
      await node.kubectl.ok(['delete', 'deployment', name, `--namespace=${NAMESPACE}`]);
      return [status.state.waiting?.message, status.lastState?.terminated?.message, previous.stdout, current.stdout].join('\n');
    }
    if (Date.now() > deadline) throw new Error(`${name} neither failed nor was refused: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The Secrets the example references, created as the README's kubectl commands do, with random values. */
async function createSecrets(): Promise<void> {
  const value = (): string => randomBytes(18).toString('base64url');
  const secrets: Record<string, Record<string, string>> = {
    'webstack-postgres': { username: 'app', password: value() },
    'webstack-redis': { password: value() },
    'webstack-backend': { 'secret-key': value() },
  };
  for (const [name, data] of Object.entries(secrets)) {
    await node.kubectl.ok(['create', 'secret', 'generic', name, `--namespace=${NAMESPACE}`, ...Object.entries(data).map(([key, v]) => `--from-literal=${key}=${v}`)]);
  }
}
