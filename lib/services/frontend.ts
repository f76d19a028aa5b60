import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PORTS, PROBE_PATHS, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import { WebService, type WebServiceProps } from './web-service';

/** A static single-page app served by an image built FROM `nginxinc/nginx-unprivileged`. */
export interface FrontendProps extends WebServiceProps {
  /** @default [{ name: 'http', port: PORTS.nginxUnprivileged }] (8080, lib/defaults.ts) */
  readonly ports?: WebServiceProps['ports'];
  /** Readiness path. @default PROBE_PATHS.frontend ('/') */
  readonly readinessPath?: string;
  /** @default IMAGE_IDENTITY.nginxUnprivileged.runAsUser (101) */
  readonly runAsUser?: number;
}

/**
 * The SPA: a WebService on unprivileged nginx (uid 101, port 8080) with /tmp and /var/cache/nginx writable,
 * TCP liveness/startup and HTTP readiness, HPA min 3 / max 10 and a PDB.
 */
export class Frontend extends WebService {
  public constructor(scope: Construct, id: string, props: FrontendProps) {
    super(scope, id, props, {
      component: 'frontend',
      identity: IMAGE_IDENTITY.nginxUnprivileged,
      resources: RESOURCES.frontend,
      writablePaths: WRITABLE_PATHS.nginxUnprivileged,
      ports: [{ name: 'http', port: PORTS.nginxUnprivileged }],
      probes: {
        liveness: { tcpSocket: {} },
        readiness: { httpGet: { path: props.readinessPath ?? PROBE_PATHS.frontend } },
        startup: { tcpSocket: {} },
      },
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.web,
      allowClaimTemplates: false,
      exposed: false,
      autoscaling: AUTOSCALING.web,
    });
  }
}
