import { App } from 'cdk8s';
import { buildStack } from '../../lib/convert';
import { podTemplateOf } from '../../lib/policy/pod-templates';
import { checkRestricted } from '../../lib/policy/restricted';
import { convert } from './given';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized manifests are JSON
type Manifest = any;

describe('buildStack', () => {
  const compose = `services:
  api:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    expose: [8000]
    environment: { DEBUG: "false", SECRET_KEY: abcdefgh12345 }
    volumes: [uploads:/app/uploads, ./settings.ini:/app/settings.ini:ro]
    depends_on: [db]
  consumer:
    image: ghcr.io/acme/api:1.0.0
    user: "10001:10001"
    command: python consume.py
    depends_on: [api]
  db:
    image: postgres:16.6
    environment: { POSTGRES_PASSWORD: abcdefgh12345 }
    volumes: [pgdata:/var/lib/postgresql/data]
volumes: { uploads: {}, pgdata: {} }
`;
  const synth = (): Manifest[] => {
    const { spec } = convert(compose, { 'settings.ini': '[app]\nmode=prod\n' });
    return buildStack(new App(), spec, { namespace: 'shop' }).toJson() as Manifest[];
  };
  const find = (manifests: Manifest[], kind: string, name: string): Manifest => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  test('creates the spec ConfigMaps and claims in the stack namespace', () => {
    const manifests = synth();
    expect(find(manifests, 'ConfigMap', 'api-env')).toMatchObject({ metadata: { namespace: 'shop' }, data: { DEBUG: 'false' } });
    expect(find(manifests, 'ConfigMap', 'api-settings-ini').data).toEqual({ 'settings.ini': '[app]\nmode=prod\n' });
    expect(find(manifests, 'PersistentVolumeClaim', 'uploads').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } } });
  });

  test('every pod passes Pod Security restricted, and no secret value is rendered', () => {
    const manifests = synth();
    const violations = manifests.flatMap((m) => {
      const located = podTemplateOf(m);
      return located ? checkRestricted(located.template, m.metadata.name) : [];
    });
    expect(violations).toEqual([]);
    expect(JSON.stringify(manifests)).not.toContain('abcdefgh12345');
  });

  test('dependencies become NetworkPolicy edges: api may reach db on 5432', () => {
    const policy = find(synth(), 'NetworkPolicy', 'api');
    expect(JSON.stringify(policy.spec.egress)).toContain('"port":5432');
  });

  test('a seeded spec is edited in place before building, as the README shows', () => {
    const { spec } = convert(compose, { 'settings.ini': '[app]\nmode=prod\n' });
    const consumer = spec.roles.find((r) => r.service === 'consumer');
    if (consumer?.role !== 'worker') throw new Error(`consumer is ${consumer?.role}`);
    consumer.props.image = 'ghcr.io/acme/api:1.0.1';
    consumer.props.autoscaling = false;
    consumer.props.replicas = 2;
    const deployment = find(buildStack(new App(), spec).toJson() as Manifest[], 'Deployment', 'consumer');
    expect(deployment.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/api:1.0.1');
    expect(deployment.spec.replicas).toBe(2);
  });

  test('an unprobed worker carries the acknowledgement the hygiene check accepts', () => {
    const consumer = find(synth(), 'Deployment', 'consumer');
    expect(consumer.metadata.annotations['ignore-check.cdk8s-webstack/probe-missing']).toMatch(/no healthcheck/);
  });
});
