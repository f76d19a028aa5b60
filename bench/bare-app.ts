/**
 * The floor for synth: a bare cdk8s-plus-28 app with N Deployments (one container, one port, a ClusterIP Service
 * each) and nothing of ours: no namespace guardrails, NetworkPolicies, HPAs, PDBs or policy checks. The gap
 * between this and the example stack is what our constructs cost; the gap between `node -e 0` and this is what
 * loading cdk8s and cdk8s-plus costs, which no construct library on top of them can avoid.
 *
 * Usage: `node build/bench/bare-app.js <deployments> <outdir>`
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** Builds and writes the app; `outdir` receives one `bare.k8s.yaml`. */
export function synthBareApp(deployments: number, outdir: string): void {
  const app = new App({ outdir });
  const chart = new Chart(app, 'bare', { disableResourceNameHashes: true });
  for (let i = 0; i < deployments; i++) {
    const deployment = new kplus.Deployment(chart, `app-${i}`, {
      containers: [{ image: `ghcr.io/example/app-${i}:1.0.0`, portNumber: 8080 }],
    });
    deployment.exposeViaService();
  }
  app.synth();
}

if (require.main === module) {
  const [count, outdir] = process.argv.slice(2);
  if (count === undefined || outdir === undefined) {
    process.stderr.write('usage: node build/bench/bare-app.js <deployments> <outdir>\n');
    process.exit(1);
  }
  synthBareApp(Number(count), outdir);
}
