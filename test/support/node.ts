import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cluster } from './cluster';
import { Kubectl } from './kubectl';
import { describeRun, REPO_ROOT, run } from './tools';

/** The node's binaries scripts/install-tools.sh links into `.tools/bin/` (install_node). */
const NODE_TOOLS = ['kubelet', 'kube-scheduler', 'kube-proxy', 'coredns', 'kube-router'] as const;
/** The stand-in images scripts/build-images.sh links into `.tools/images/`. */
const STAND_INS = ['pause', 'coredns', 'postgres', 'redis', 'nginx', 'nginx-official', 'spa', 'app'] as const;
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'real-node.sh');

/**
 * The bridge the pods live on (scripts/real-node.sh): host-only, on no interface of the machine; and the test host
 * on it, outside the cluster, serving HTTP on port 8081.
 */
export const NODE_NETWORK = { gateway: '10.123.45.1', testHost: '10.123.45.250', testHostPort: 8081 } as const;

/**
 * A control plane with one real node on this machine (scripts/real-node.sh): pods run in containerd under runc on
 * a host-only bridge, with cluster DNS and NetworkPolicies enforced. Claims get hostPath PersistentVolumes under
 * the run's directory (created here, as a local provisioner would, writable by any uid: hostPath volumes get no
 * fsGroup). {@link stop} tears the node down and undoes its side effects; if this process dies first, the node's
 * guardian does.
 */
export class RealNode {
  /**
   * Why no node can run on this machine, or undefined when one can. The tests skip with this reason; on the
   * project's machines (root, installed by npm test) it is undefined.
   */
  static unavailable(): string | undefined {
    if (process.getuid?.() !== 0) return 'they need root (network namespaces, mounts, iptables), and this process is not root';
    const tools = path.join(REPO_ROOT, '.tools');
    const missing = [...NODE_TOOLS.map((tool) => path.join(tools, 'bin', tool)), ...STAND_INS.map((image) => path.join(tools, 'images', `${image}.tar`)), '/usr/bin/containerd'].filter((file) => !fs.existsSync(file));
    return missing.length ? `the node's parts are not installed (${missing.join(', ')}): run scripts/install-tools.sh node as root` : undefined;
  }

  static async start(name: string): Promise<RealNode> {
    const reason = RealNode.unavailable();
    if (reason) throw new Error(`no real node: ${reason}`);
    const cluster = await Cluster.start({ name, forNode: true });
    const node = new RealNode(cluster, fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-node-')), name);
    const started = await run('bash', [SCRIPT, 'up', node.dir, String(process.pid), cluster.kubeconfig, cluster.nodeKubeconfig], { timeoutMs: 20 * 60_000 });
    if (started.code !== 0) {
      await node.stop();
      throw new Error(`the node did not start:\n${describeRun(started)}\nlogs: ${node.logs}`);
    }
    const ready = await cluster.kubectl.run(['wait', `node/${Cluster.NODE_NAME}`, '--for=condition=Ready', '--timeout=120s']);
    if (ready.code !== 0) {
      await node.stop();
      throw new Error(`the node did not become Ready:\n${describeRun(ready)}\nlogs: ${node.logs}`);
    }
    node.provisioner = setInterval(() => void node.provision(), 1000);
    return node;
  }

  readonly kubectl: Kubectl;
  private provisioner: NodeJS.Timeout | undefined;
  private provisioning = false;

  private constructor(
    readonly cluster: Cluster,
    private readonly dir: string,
    private readonly name: string,
  ) {
    this.kubectl = cluster.kubectl;
  }

  /** Makes an imported image (a stand-in) available under another name, as containerd normalises it. */
  async tagImage(source: string, target: string): Promise<void> {
    const tagged = await run('bash', [SCRIPT, 'tag', this.dir, fullReference(source), fullReference(target)]);
    if (tagged.code !== 0) throw new Error(`tagging ${source} as ${target} failed:\n${describeRun(tagged)}`);
  }

  /** Where the node's logs are kept after {@link stop}: beside the control plane's. */
  get logs(): string {
    return path.join(os.tmpdir(), 'cdk8s-webstack-e2e', `${this.name}-node`);
  }

  async stop(): Promise<void> {
    clearInterval(this.provisioner);
    await run('bash', [SCRIPT, 'down', this.dir], { timeoutMs: 10 * 60_000 });
    fs.rmSync(this.logs, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(this.logs), { recursive: true });
    if (fs.existsSync(path.join(this.dir, 'logs'))) fs.cpSync(path.join(this.dir, 'logs'), this.logs, { recursive: true });
    fs.rmSync(this.dir, { recursive: true, force: true });
    await this.cluster.stop();
  }

  /** A PersistentVolume for each claim that waits for one: a directory of the run, bound to that claim only. */
  private async provision(): Promise<void> {
    if (this.provisioning) return;
    this.provisioning = true;
    try {
      const claims = await this.kubectl.list(['persistentvolumeclaims', '--all-namespaces']);
      for (const claim of claims.items.filter((c) => c.status?.phase === 'Pending' && !c.spec.volumeName)) {
        const name = `${claim.metadata.namespace}-${claim.metadata.name}`;
        const dir = path.join(this.dir, 'volumes', name);
        fs.mkdirSync(dir, { recursive: true });
        fs.chmodSync(dir, 0o777);
        const volume = {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name },
          spec: {
            capacity: { storage: claim.spec.resources.requests.storage },
            accessModes: claim.spec.accessModes,
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName: claim.spec.storageClassName ?? '',
            hostPath: { path: dir, type: 'Directory' },
            claimRef: { namespace: claim.metadata.namespace, name: claim.metadata.name },
          },
        };
        await this.kubectl.run(['apply', '-f', '-'], JSON.stringify(volume));
      }
    } catch {
      // The next tick tries again: a claim is provisioned once the API server answers.
    } finally {
      this.provisioning = false;
    }
  }
}

/** An image reference as containerd stores it: `nginx:1.0` is `docker.io/library/nginx:1.0`. */
export function fullReference(image: string): string {
  const [first, ...rest] = image.split('/');
  if (rest.length === 0) return `docker.io/library/${image}`;
  return /[.:]/.test(first as string) || first === 'localhost' ? image : `docker.io/${image}`;
}
