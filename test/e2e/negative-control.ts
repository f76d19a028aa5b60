import { KubeObject } from '../support/kubectl';

/**
 * A Deployment whose pod template passes Pod Security "baseline" but not "restricted": no seccomp profile, no
 * capability drop, root allowed, no resources. Defined here, never in dist/, to prove the checks catch it.
 */
export function nonCompliantDeployment(namespace: string): KubeObject {
  const labels = { 'app.kubernetes.io/name': 'negative-control' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'negative-control', namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'docker.io/library/busybox:1.36.1', command: ['sleep', '3600'] }] },
      },
    },
  };
}

/** The same pod template as a bare Pod, which PodSecurity judges with enforcement on. */
export function asPod(deployment: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...deployment.metadata, name: `${deployment.metadata.name}-pod` },
    spec: deployment.spec.template.spec,
  };
}

/** A NetworkPolicy that lets the selected pods connect anywhere: the regression the connectivity check must see. */
export function allowAllEgress(namespace: string, podLabels: Readonly<Record<string, string>>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'negative-control-allow-all-egress', namespace },
    spec: { podSelector: { matchLabels: podLabels }, policyTypes: ['Egress'], egress: [{}] },
  };
}
