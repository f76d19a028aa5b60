import { App, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { LIMIT_RANGE, RESOURCE_QUOTA } from '../../lib/defaults';
import { findPolicyViolations } from '../../lib/policy/synth-check';
import { Backend } from '../../lib/services/backend';
import type { IStackRole, RolePort } from '../../lib/services/role';
import { WebService } from '../../lib/services/web-service';
import { WebStack } from '../../lib/stack';
import { objectsOf, onlyOf, synth, type Manifest } from '../support/synth';
import { declaredEdges, dnsEdges, renderedEdges, misuseCode } from './support';

/** A role without workloads, to exercise the traffic graph on its own. */
class FakeRole extends Construct implements IStackRole {
  public readonly component = 'fake';
  public readonly selectorLabels: Record<string, string>;
  public readonly dependencies: IStackRole[] = [];
  constructor(scope: Construct, public readonly name: string, public readonly ports: RolePort[] = [{ name: 'http', port: 8080 }], public readonly exposed = false) {
    super(scope, name);
    this.selectorLabels = { 'app.kubernetes.io/name': name };
  }
}

/** GIVEN a stack with a database-like service and a backend depending on it. */
function givenBackendAndDatabase(app: App = Testing.app()): { stack: WebStack; backend: Backend; db: WebService } {
  const stack = new WebStack(app, 'shop');
  const db = new WebService(stack, 'db', { image: 'postgres:16.6-bookworm', ports: [{ name: 'postgres', port: 5432 }] });
  const backend = new Backend(stack, 'backend', { image: 'ghcr.io/acme/api:1.0.0', dependsOn: [db] });
  return { stack, backend, db };
}

describe('namespace', () => {
  test('is labelled for Pod Security Admission restricted with pinned versions', () => {
    const ns = onlyOf(synth(givenBackendAndDatabase().stack), 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'shop',
      labels: {
        'app.kubernetes.io/managed-by': 'cdk8s-webstack',
        'app.kubernetes.io/part-of': 'shop',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.28',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.28',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.28',
      },
    });
  });

  test('comes first and every other object lives in it', () => {
    const manifests = synth(givenBackendAndDatabase().stack);
    expect(manifests[0].kind).toBe('Namespace');
    expect(manifests.slice(1).map((m) => m.metadata.namespace)).toEqual(manifests.slice(1).map(() => 'shop'));
  });

  test('takes its name from the namespace prop', () => {
    const stack = new WebStack(Testing.app(), 'shop', { namespace: 'shop-staging' });
    const manifests = synth(stack);
    expect(onlyOf(manifests, 'Namespace').metadata.name).toBe('shop-staging');
    expect(onlyOf(manifests, 'ResourceQuota').metadata.namespace).toBe('shop-staging');
  });

  test('pins another Pod Security version when asked', () => {
    const stack = new WebStack(Testing.app(), 'shop', { podSecurityVersion: 'v1.30' });
    const labels = onlyOf(synth(stack), 'Namespace').metadata.labels;
    expect(['enforce', 'warn', 'audit'].map((m) => labels[`pod-security.kubernetes.io/${m}-version`])).toEqual(['v1.30', 'v1.30', 'v1.30']);
  });
});

describe('namespace errors', () => {
  test('fails on a namespace that is not a DNS label', () => {
    expect(misuseCode(() => new WebStack(Testing.app(), 'shop', { namespace: 'Shop_Prod' }))).toBe('invalid-name');
  });

  test('fails on a Pod Security version the admission plugin would not understand', () => {
    expect(misuseCode(() => new WebStack(Testing.app(), 'shop', { podSecurityVersion: '1.28' }))).toBe('invalid-pod-security-version');
  });
});

describe('quota and limits', () => {
  test('render the defaults', () => {
    const manifests = synth(new WebStack(Testing.app(), 'shop'));
    expect(onlyOf(manifests, 'ResourceQuota').spec.hard).toEqual(RESOURCE_QUOTA);
    expect(onlyOf(manifests, 'LimitRange').spec.limits).toEqual([{ type: 'Container', ...LIMIT_RANGE }]);
  });

  test('override single keys and keep the rest', () => {
    const stack = new WebStack(Testing.app(), 'shop', { resourceQuota: { pods: '20' }, limitRange: { max: { cpu: '2' } } });
    const manifests = synth(stack);
    expect(onlyOf(manifests, 'ResourceQuota').spec.hard).toEqual({ ...RESOURCE_QUOTA, pods: '20' });
    expect(onlyOf(manifests, 'LimitRange').spec.limits[0].max).toEqual({ ...LIMIT_RANGE.max, cpu: '2' });
  });
});

test('every object carries part-of and managed-by', () => {
  for (const m of synth(givenBackendAndDatabase().stack)) {
    expect([m.kind, m.metadata.labels['app.kubernetes.io/part-of'], m.metadata.labels['app.kubernetes.io/managed-by']]).toEqual([m.kind, 'shop', 'cdk8s-webstack']);
  }
});

describe('network policies', () => {
  test('deny everything by default, in both directions, for every pod', () => {
    const deny = synth(givenBackendAndDatabase().stack).find((m: Manifest) => m.metadata.name === 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allow DNS to kube-dns only, UDP and TCP 53, with namespace and pod selector in one peer', () => {
    const dns = synth(givenBackendAndDatabase().stack).find((m: Manifest) => m.metadata.name === 'allow-dns');
    expect(dns.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
        },
      ],
    });
  });

  test('also allow a NodeLocal DNSCache address when configured', () => {
    const stack = new WebStack(Testing.app(), 'shop', { dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53, nodeLocalAddress: '169.254.20.10' } });
    const dns = synth(stack).find((m: Manifest) => m.metadata.name === 'allow-dns');
    expect(dns.spec.egress[0].to[1]).toEqual({ ipBlock: { cidr: '169.254.20.10/32' } });
  });

  test('label each role policy with its role', () => {
    const policy = synth(givenBackendAndDatabase().stack).find((m: Manifest) => m.kind === 'NetworkPolicy' && m.metadata.name === 'backend');
    expect(policy.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'backend',
      'app.kubernetes.io/component': 'backend',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s-webstack',
    });
  });

  test('allow exactly the declared edges, plus DNS', () => {
    const { stack } = givenBackendAndDatabase();
    const rendered = renderedEdges(synth(stack));
    const declared = declaredEdges(stack.roles);
    expect(declared.egress).toEqual(['backend->db:5432/TCP']);
    expect(rendered.ingress).toEqual(declared.ingress);
    expect(rendered.egress).toEqual([...declared.egress, ...dnsEdges(['backend', 'db'])].sort());
  });

  test('name one policy per role after the role, and never use port 0', () => {
    const policies = objectsOf(synth(givenBackendAndDatabase().stack), 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['default-deny', 'allow-dns', 'db', 'backend']);
    const ports = policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]).flatMap((r) => r.ports);
    expect(ports.every((p) => Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535 && p.endPort === undefined)).toBe(true);
  });

  test('let any source reach an exposed role, or only the configured sources', () => {
    const open = new WebStack(Testing.app(), 'shop');
    new FakeRole(open, 'edge', [{ name: 'http', port: 8080 }], true);
    expect(synth(open).find((m: Manifest) => m.metadata.name === 'edge').spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);

    const controllerNs = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } };
    const narrowed = new WebStack(Testing.app(), 'shop', { externalSources: [controllerNs] });
    new FakeRole(narrowed, 'edge', [{ name: 'http', port: 8080 }], true);
    expect(synth(narrowed).find((m: Manifest) => m.metadata.name === 'edge').spec.ingress).toEqual([{ from: [controllerNs], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  test('follow dependencies declared after an earlier render', () => {
    const stack = new WebStack(Testing.app(), 'shop');
    const db = new FakeRole(stack, 'db');
    const api = new FakeRole(stack, 'api');
    synth(stack);
    api.dependencies.push(db);
    expect(synth(stack).find((m: Manifest) => m.metadata.name === 'db').spec.ingress).toHaveLength(1);
  });
});

describe('traffic graph errors fail synth', () => {
  test.each([
    ['fails when a dependency is outside the stack', (stack: WebStack) => {
      const other = new WebStack(Testing.app(), 'other');
      new FakeRole(stack, 'api').dependencies.push(new FakeRole(other, 'db'));
    }, 'role "api" depends on "db", which is not part of this stack'],
    ['fails when a role depends on itself', (stack: WebStack) => {
      const api = new FakeRole(stack, 'api');
      api.dependencies.push(api);
    }, 'role "api" depends on itself'],
    ['fails when a dependency has no ports', (stack: WebStack) => {
      new FakeRole(stack, 'api').dependencies.push(new FakeRole(stack, 'worker', []));
    }, 'role "api" depends on "worker", which accepts no connections'],
    ['fails when two roles share a name', (stack: WebStack) => {
      new FakeRole(stack, 'api');
      new FakeRole(new Construct(stack, 'nested'), 'api');
    }, 'two roles are named "api"'],
    ['fails when a role takes a stack policy name', (stack: WebStack) => {
      new FakeRole(stack, 'default-deny');
    }, 'role name "default-deny" is reserved'],
    ['fails when an exposed role has no ports', (stack: WebStack) => {
      new FakeRole(stack, 'edge', [], true);
    }, 'role "edge" is exposed but has no ports'],
  ])('%s', (_name, build, message) => {
    const stack = new WebStack(Testing.app(), 'shop');
    build(stack);
    expect(stack.trafficGraph.problems).toHaveLength(1);
    expect(() => synth(stack)).toThrow(message);
  });
});

describe('synth-time policy', () => {
  test('passes the hardened defaults', () => {
    expect(findPolicyViolations(givenBackendAndDatabase().stack)).toEqual([]);
  });

  test('fails synth when a JSON patch breaks a default, naming object, field and rule', () => {
    const app = Testing.app();
    const { stack, backend } = givenBackendAndDatabase(app);
    backend.deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', true));
    expect(findPolicyViolations(stack).map((f) => [f.object, f.violation.code, f.violation.path])).toEqual([
      ['Deployment/backend', 'pss-allow-privilege-escalation', 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation'],
    ]);
    expect(() => app.synthYaml()).toThrow(
      'Deployment/backend spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: error[pss-allow-privilege-escalation]',
    );
  });

  test('fails synth when a prop override breaks restricted', () => {
    const stack = new WebStack(Testing.app(), 'shop');
    new Backend(stack, 'backend', {
      image: 'ghcr.io/acme/api:1.0.0',
      podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/backend': 'unconfined' },
    });
    expect(findPolicyViolations(stack).map((f) => [f.object, f.violation.code, f.violation.path])).toEqual([
      ['Deployment/backend', 'pss-app-armor-profile', 'spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/backend'],
    ]);
    expect(() => synth(stack)).toThrow('[shop] Deployment/backend spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/backend: error[pss-app-armor-profile]');
  });

  test('fails synth when a JSON patch drops resources and probes', () => {
    const stack = new WebStack(Testing.app(), 'shop');
    const backend = new Backend(stack, 'backend', { image: 'ghcr.io/acme/api:1.0.0' });
    backend.deployment.addJsonPatch(
      JsonPatch.remove('/spec/template/spec/containers/0/resources/limits/memory'),
      JsonPatch.remove('/spec/template/spec/containers/0/readinessProbe'),
    );
    expect(findPolicyViolations(stack).map((f) => `${f.violation.code} ${f.violation.path}`)).toEqual([
      'resources-missing spec.template.spec.containers[0].resources.limits.memory',
      'probe-missing spec.template.spec.containers[0].readinessProbe',
    ]);
    expect(() => synth(stack)).toThrow('error[resources-missing]');
  });
});
