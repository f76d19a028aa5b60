import type { Construct } from 'constructs';
import { AUTOSCALING, IMAGE_IDENTITY, PORTS, PROBE_PATHS, PROBE_TIMINGS, RESOURCES, SHUTDOWN, WRITABLE_PATHS } from '../defaults';
import { WebService, type WebServiceProps } from './web-service';

/** An HTTP API (Django, FastAPI, Express, ...). */
export interface BackendProps extends WebServiceProps {
  /** @default [{ name: 'http', port: PORTS.backend }] (8000, lib/defaults.ts) */
  readonly ports?: WebServiceProps['ports'];
  /** Liveness path: answers while the process is alive; must not check databases. @default PROBE_PATHS.backendLiveness ('/health') */
  readonly livenessPath?: string;
  /** Readiness path: answers when the process can serve. @default PROBE_PATHS.backendReadiness ('/ready') */
  readonly readinessPath?: string;
}

/**
 * The backend API: a WebService with HTTP liveness (`/health`), readiness (`/ready`) and startup probes, uid
 * 10001, backend resources, HPA min 3 / max 10 on cpu 70 % and memory 80 %, and a PDB.
 */
export class Backend extends WebService {
  public constructor(scope: Construct, id: string, props: BackendProps) {
    const liveness = props.livenessPath ?? PROBE_PATHS.backendLiveness;
    super(scope, id, props, {
      component: 'backend',
      identity: IMAGE_IDENTITY.app,
      resources: RESOURCES.backend,
      writablePaths: WRITABLE_PATHS.app,
      ports: [{ name: 'http', port: PORTS.backend }],
      probes: {
        liveness: { httpGet: { path: liveness } },
        readiness: { httpGet: { path: props.readinessPath ?? PROBE_PATHS.backendReadiness } },
        startup: { httpGet: { path: liveness } },
      },
      timings: PROBE_TIMINGS,
      shutdown: SHUTDOWN.web,
      allowClaimTemplates: false,
      exposed: false,
      autoscaling: AUTOSCALING.web,
    });
  }
}
