import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Kubectl } from './kubectl';
import { toolPath, ToolName } from './tools';

/** Options of {@link Cluster.start}. */
export interface ClusterOptions {
  /** Names the log directory kept after the run (`<tmp>/cdk8s-webstack-e2e/<name>/`). */
  readonly name: string;
  /** Give up when the API server is not ready (or the controllers not running) after this long. @default 120000 */
  readonly startTimeoutMs?: number;
  /**
   * Prepares the control plane for a real node ({@link RealNode}): a kubelet credential in `system:nodes`, the
   * controllers pods on a node need (node lifecycle, volume binding and protection, endpoints, disruption budgets,
   * quotas) and the API server reaching the kubelet by its node IP for `kubectl exec` and `logs`.
   * @default false
   */
  readonly forNode?: boolean;
}

/**
 * Controllers a cluster with a node runs besides {@link CONTROLLERS}. Not the HPA controller: without a metrics
 * server its one act would be to scale to minReplicas, and the example's minimums (three API, SPA and proxy pods)
 * request more CPU than a 2-core test machine can allocate; the Deployments' own replica counts run.
 */
const NODE_CONTROLLERS = ['nodelifecycle', 'persistentvolume-binder', 'pvc-protection', 'pv-protection', 'endpoint', 'endpointslice', 'disruption', 'resourcequota', 'job', 'ttl'];

/**
 * Controllers the tests rely on: workloads create their pods, namespaces get their `default` ServiceAccount,
 * deletions cascade. Node, route and cloud controllers would only log errors in a cluster without nodes.
 */
const CONTROLLERS = ['deployment', 'replicaset', 'statefulset', 'serviceaccount', 'namespace', 'garbagecollector'];

/** Where logs of the last run with a given name are kept, outside the repository and overwritten by the next run. */
function logDirectory(name: string): string {
  return path.join(os.tmpdir(), 'cdk8s-webstack-e2e', name);
}

/**
 * A throwaway control plane on loopback: etcd, kube-apiserver (default admission plugins, so PodSecurity is on;
 * RBAC) and kube-controller-manager, on random free ports with a temporary data directory. Nothing leaves the
 * machine: there are no nodes, so pods stay Pending.
 *
 * Every process runs in its own process group under a watchdog that ends it, and removes the data directory,
 * when this (jest) process is gone, so even a killed test run leaves nothing behind. {@link stop} removes the data directory and keeps the logs.
 */
export class Cluster {
  /** Starts the control plane; on failure it cleans up and throws with the tail of each log. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options.name, fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-cluster-')), options.forNode ?? false);
    try {
      await cluster.boot(options.startTimeoutMs ?? 120_000);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw new Error(`${(error as Error).message}\n\n${cluster.logTails()}\nfull logs: ${cluster.logs}`);
    }
  }

  /** Name of the node whose credential {@link nodeKubeconfig} holds. */
  static readonly NODE_NAME = 'webstack-node';

  /** kubectl bound to this cluster as a `system:masters` user. */
  readonly kubectl: Kubectl;
  /** Path of an admin kubeconfig; valid until {@link stop}. */
  readonly kubeconfig: string;
  /**
   * Directory the component logs are kept in after {@link stop}: `<tmp>/cdk8s-webstack-e2e/<name>/`, or a sibling
   * `<name>.XXXXXX/` when another run published its logs under that name at the same moment.
   */
  get logs(): string {
    return this.logDir;
  }

  private readonly processes: { name: ToolName; child: ChildProcess }[] = [];
  private readonly token = randomBytes(24).toString('hex');
  private readonly nodeToken = randomBytes(24).toString('hex');
  /** Path of the node's kubeconfig (`system:node:webstack-node`); written only for a cluster started `forNode`. */
  readonly nodeKubeconfig: string;
  private readonly killOnExit = (): void => this.signalAll('SIGKILL');
  private apiPort = 0;
  private logDir: string;

  private constructor(
    name: string,
    private readonly dir: string,
    private readonly forNode: boolean,
  ) {
    this.kubeconfig = path.join(dir, 'kubeconfig');
    this.nodeKubeconfig = path.join(dir, 'node.kubeconfig');
    this.kubectl = new Kubectl(this.kubeconfig);
    this.logDir = logDirectory(name);
    process.once('exit', this.killOnExit);
  }

  /** Stops every component (TERM, then KILL after 10 s), keeps the logs and removes the data directory. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    for (const { child } of [...this.processes].reverse()) {
      await terminate(child);
    }
    this.keepLogs();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Replaces the previous run's logs with this run's, without ever showing a half-copied directory. */
  private keepLogs(): void {
    fs.mkdirSync(path.dirname(this.logDir), { recursive: true });
    const staged = fs.mkdtempSync(`${this.logDir}.`);
    for (const { name } of this.processes) {
      fs.copyFileSync(this.logFile(name), path.join(staged, `${name}.log`));
    }
    try {
      fs.rmSync(this.logDir, { recursive: true, force: true });
      fs.renameSync(staged, this.logDir);
    } catch {
      // A concurrent run (another engineer's, on a shared machine) published its logs in between: keep ours beside.
      this.logDir = staged;
    }
  }

  private async boot(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const ports = await freePorts(['etcdClient', 'etcdPeer', 'api'] as const);
    this.apiPort = ports.api;
    const etcdUrl = `http://127.0.0.1:${ports.etcdClient}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
    this.launch('etcd', [
      `--data-dir=${path.join(this.dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      '--unsafe-no-fsync', // the data is thrown away; fsync would only slow the tests
      '--log-level=warn',
    ]);

    const certs = path.join(this.dir, 'certs');
    const saKey = path.join(this.dir, 'sa.key');
    const saPub = path.join(this.dir, 'sa.pub');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    fs.writeFileSync(saKey, privateKey.export({ type: 'sec1', format: 'pem' }));
    fs.writeFileSync(saPub, publicKey.export({ type: 'spki', format: 'pem' }));
    const tokens = path.join(this.dir, 'tokens.csv');
    const node = `system:node:${Cluster.NODE_NAME}`;
    fs.writeFileSync(tokens, `${this.token},e2e-admin,e2e-admin,"system:masters"\n${this.forNode ? `${this.nodeToken},${node},${node},"system:nodes"\n` : ''}`);
    this.launch('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.api}`,
      // No --tls-cert-file: the API server writes a self-signed CA and serving cert for 127.0.0.1 here.
      `--cert-dir=${certs}`,
      `--token-auth-file=${tokens}`,
      `--authorization-mode=${this.forNode ? 'Node,RBAC' : 'RBAC'}`, // Node: what a kubelet may read and write
      `--service-account-issuer=https://kubernetes.default.svc`,
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      '--service-cluster-ip-range=10.96.0.0/24', // only allocated to Services; nothing is ever sent there
      ...(this.forNode ? ['--kubelet-preferred-address-types=InternalIP'] : []),
      '--profiling=false',
      '--v=1',
    ]);
    const ca = path.join(certs, 'apiserver.crt');
    await this.until(deadline, 'kube-apiserver /readyz', async () => fs.existsSync(ca) && (await this.ready(ca)));
    this.writeKubeconfig(this.kubeconfig, ca, 'e2e-admin', this.token);
    if (this.forNode) this.writeKubeconfig(this.nodeKubeconfig, ca, node, this.nodeToken);

    this.launch('kube-controller-manager', [
      `--kubeconfig=${this.kubeconfig}`,
      `--controllers=${[...CONTROLLERS, ...(this.forNode ? NODE_CONTROLLERS : [])].join(',')}`,
      `--service-account-private-key-file=${saKey}`,
      `--root-ca-file=${ca}`,
      '--secure-port=0', // no health endpoint needed, and no port to collide with
      '--leader-elect=false',
      '--v=1',
    ]);
    // The ServiceAccount controller creating `default` proves the controllers are running and watching.
    await this.until(deadline, 'kube-controller-manager (ServiceAccount default/default)', async () => {
      return (await this.kubectl.run(['get', 'serviceaccount', 'default', '--namespace=default'])).code === 0;
    });
  }

  /** Starts a component in its own process group, under a watchdog tied to this process. */
  private launch(name: ToolName, args: readonly string[]): void {
    const log = fs.openSync(this.logFile(name), 'a');
    // The loop ends when the component or the jest process exits. Then the component is killed outright: a
    // kube-apiserver whose etcd is gone can take minutes over a graceful shutdown. Without jest nobody will read the
    // logs or call stop(), so the watchdog also removes the data directory. (stop() signals the whole group.)
    const watchdog = `"$@" & child=$!
      while kill -0 "$child" 2>/dev/null && kill -0 ${process.pid} 2>/dev/null; do sleep 1; done
      kill -9 "$child" 2>/dev/null; wait "$child"; status=$?
      kill -0 ${process.pid} 2>/dev/null || rm -rf '${this.dir}'
      exit $status`;
    const child = spawn('bash', ['-c', watchdog, name, toolPath(name), ...args], {
      detached: true,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.processes.push({ name, child });
  }

  /** Polls `check` every 500 ms until it holds; fails early when a component has exited. */
  private async until(deadline: number, what: string, check: () => Promise<boolean>): Promise<void> {
    for (;;) {
      const dead = this.processes.find(({ child }) => child.exitCode !== null || child.signalCode !== null);
      if (dead) {
        throw new Error(`${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}) while waiting for ${what}`);
      }
      if (await check()) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** True when GET /readyz answers 200, i.e. etcd is reachable and every post-start hook (RBAC roles) has run. */
  private ready(ca: string): Promise<boolean> {
    return new Promise((resolve) => {
      const request = https.get(
        {
          host: '127.0.0.1',
          port: this.apiPort,
          path: '/readyz',
          ca: fs.readFileSync(ca),
          headers: { authorization: `Bearer ${this.token}` },
          timeout: 2000,
        },
        (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(false));
    });
  }

  private writeKubeconfig(file: string, ca: string, user: string, token: string): void {
    const kubeconfig = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'e2e', cluster: { server: `https://127.0.0.1:${this.apiPort}`, 'certificate-authority': ca } }],
      users: [{ name: user, user: { token } }],
      contexts: [{ name: 'e2e', context: { cluster: 'e2e', user } }],
      'current-context': 'e2e',
    };
    fs.writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  }

  private logFile(name: ToolName): string {
    return path.join(this.dir, `${name}.log`);
  }

  private logTails(): string {
    return this.processes
      .map(({ name }) => `--- ${name} (last 20 lines)\n${tail(path.join(this.logs, `${name}.log`), 20)}`)
      .join('\n');
  }

  private signalAll(signal: NodeJS.Signals): void {
    for (const { child } of this.processes) {
      signalGroup(child, signal);
    }
  }
}

/** One distinct port per name, each free right now (all are held open together, so none repeats). */
async function freePorts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const servers = await Promise.all(
    names.map(() => {
      return new Promise<net.Server>((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = {} as Record<K, number>;
  names.forEach((name, i) => {
    ports[name] = (servers[i]?.address() as net.AddressInfo).port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Signals a whole process group (watchdog and component); a group that is already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has exited already.
  }
}

/** True while any process of the group (the watchdog or the component) is alive. */
function groupAlive(child: ChildProcess): boolean {
  try {
    return child.pid !== undefined && process.kill(-child.pid, 0);
  } catch {
    return false;
  }
}

/** SIGTERM to the group, SIGKILL after 10 s, and waits until every process of the group is gone. */
async function terminate(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGTERM');
  const killAt = Date.now() + 10_000;
  while (groupAlive(child)) {
    if (Date.now() > killAt) {
      signalGroup(child, 'SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tail(file: string, lines: number): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n') : '(no log)';
}
