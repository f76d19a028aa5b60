import { App } from 'cdk8s';
import { Backend, CeleryWorker, Frontend, Postgres, Proxy, Redis, WebStack } from 'cdk8s-webstack';

const app = new App();
const stack = new WebStack(app, 'shop'); // namespace, quota, default deny, DNS
const db = new Postgres(stack, 'postgres', { credentialsSecret: 'shop-db' });
const cache = new Redis(stack, 'redis', { passwordSecret: 'shop-redis' });
const api = new Backend(stack, 'backend', {
  image: 'ghcr.io/acme/api:1.4.2',
  dependsOn: [db, cache], // becomes NetworkPolicy edges; nothing else does
  env: { DB_PASSWORD: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
  autoscaling: { minReplicas: 2, maxReplicas: 20 },
});
new CeleryWorker(stack, 'worker', { image: 'ghcr.io/acme/api:1.4.2', celeryApp: 'shop', dependsOn: [db, cache] });
const web = new Frontend(stack, 'frontend', { image: 'ghcr.io/acme/spa:1.4.2' });
new Proxy(stack, 'proxy', {
  backend: api,
  frontend: web,
  expose: { type: 'ingress', host: 'shop.example.com', tlsSecret: 'shop-tls' },
});
app.synth();
