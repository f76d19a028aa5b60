import type { ContainerJson, PodTemplateJson } from '../../lib/policy/pod-json';

/** A container that passes every check: the shape our roles render. */
export function compliantContainer(name = 'app'): ContainerJson {
  return {
    name,
    image: 'registry.example.com/app:1.2.3',
    ports: [{ containerPort: 8000, name: 'http' }],
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: {
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '256Mi' },
    },
    livenessProbe: { tcpSocket: { port: 8000 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8000 } },
  };
}

/** A pod template that passes restricted and hygiene. */
export function compliantTemplate(): PodTemplateJson {
  return {
    metadata: { annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      volumes: [{ name: 'tmp', emptyDir: {} }],
      containers: [compliantContainer()],
    },
  };
}

/** A deep copy to mutate freely in one test. */
export function mutable(template: PodTemplateJson): any {
  return JSON.parse(JSON.stringify(template));
}
