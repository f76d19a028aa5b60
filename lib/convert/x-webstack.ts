import { MAX_ID, MAX_REPLICAS } from './limits';
import type { ServiceReporter } from './report';
import { ROLES, type Role } from './roles';

/**
 * The per-service `x-webstack:` block: what Compose cannot say about a Kubernetes deployment. Every key is
 * optional; unknown keys are errors (a typo must not silently keep a default).
 *
 * ```yaml
 * services:
 *   api:
 *     build: .
 *     x-webstack:
 *       role: backend            # any of ROLES
 *       image: ghcr.io/acme/api:1.4.2
 *       replicas: 2              # fixed count, no HPA
 *       autoscaling: { min: 3, max: 10 }   # or false
 *       probes: { liveness: /healthz, readiness: /ready }
 *       ingress: { host: shop.example.com, tls_secret: shop-tls, class: nginx }
 *       storage: { size: 20Gi, class: fast-ssd }   # access_mode: ReadWriteMany shares a volume between services
 *       uid: 10001
 *       gid: 10001
 *       celery_app: shop.celery:app
 * ```
 */
export interface WebstackBlock {
  /** @default - detected from the image, command, ports and restart policy (lib/convert/roles.ts) */
  readonly role?: Role;
  /** Image for a build-only service, or a replacement (`--image` wins). @default - the service's `image` */
  readonly image?: string;
  /** Fixed replica count; turns the HPA off. @default - the role's HPA (`deploy.replicas` becomes its minimum) */
  readonly replicas?: number;
  /** HPA bounds, or `false` for a fixed count. @default - the role's bounds in `AUTOSCALING` (lib/defaults.ts) */
  readonly autoscaling?: false | { readonly min?: number; readonly max?: number };
  /** HTTP paths for liveness (also startup) and readiness. @default - from the healthcheck, else the role's probes */
  readonly probes?: { readonly liveness?: string; readonly readiness?: string };
  /** Expose the proxy through an Ingress for this host (TLS with `tls_secret`). @default - a LoadBalancer Service */
  readonly ingress?: { readonly host: string; readonly tlsSecret?: string; readonly className?: string };
  /**
   * Size, class and access mode of the service's claims; `access_mode: ReadWriteMany` lets services share a volume.
   * @default - `STORAGE.size` (8Gi), the cluster's default class, ReadWriteOnce
   */
  readonly storage?: { readonly size?: string; readonly className?: string; readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteMany' };
  /** @default - from `user:`, else the image family's uid in `IMAGE_IDENTITY` */
  readonly uid?: number;
  /** @default - the uid */
  readonly gid?: number;
  /** The celery `-A` application when the command does not show it. @default - parsed from the command */
  readonly celeryApp?: string;
}

type Json = unknown;
type Reader = (value: Json, at: string) => unknown;

const QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/;
const URL_PATH = /^\/[^\s]*$/;

/** Validates and reads the raw block; every problem is reported at its key and the value is left out. */
export function readWebstackBlock(raw: Json, reporter: ServiceReporter): WebstackBlock {
  if (raw === undefined || raw === null) return {};
  const invalid = (at: string, message: string, value: Json, fix: string): undefined => {
    reporter.report('x-webstack-invalid', { at: `x-webstack${at}`, message: `x-webstack${at} ${message}`, value: JSON.stringify(value), fix });
    return undefined;
  };
  const string = (pattern?: RegExp, fix = 'write a string'): Reader => (v, at) =>
    typeof v === 'string' && v !== '' && (!pattern || pattern.test(v)) ? v : invalid(at, 'has the wrong form', v, fix);
  const count = (min: number, max: number): Reader => (v, at) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : invalid(at, `must be an integer from ${min} to ${max}`, v, `write a whole number from ${min} to ${max}`);
  const object = (fields: Readonly<Record<string, readonly [string, Reader]>>): Reader => (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalid(at, 'must be a mapping', v, `use the keys ${Object.keys(fields).join(', ')}`);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v as Record<string, Json>)) {
      const field = fields[key];
      if (!field) {
        reporter.report('x-webstack-unknown-key', {
          at: `x-webstack${at}.${key}`,
          message: `x-webstack${at} has no key '${key}'`,
          value: key,
          fix: `use one of ${Object.keys(fields).join(', ')}`,
        });
        continue;
      }
      const read = field[1](value, `${at}.${key}`);
      if (read !== undefined) out[field[0]] = read;
    }
    return out;
  };
  const autoscaling: Reader = (v, at) => {
    if (v === false) return false;
    const bounds = object({ min: ['min', count(1, MAX_REPLICAS)], max: ['max', count(1, MAX_REPLICAS)] })(v, at) as { min?: number; max?: number } | undefined;
    if (bounds?.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) return invalid(at, 'has min above max', v, `raise max to at least ${bounds.min}`);
    return bounds;
  };
  const block = object({
    role: ['role', (v, at) => (ROLES.includes(v as Role) ? v : invalid(at, 'is not a role', v, `use one of ${ROLES.join(', ')}`))],
    image: ['image', string(/^\S+$/, 'write an image reference such as ghcr.io/acme/api:1.4.2')],
    replicas: ['replicas', count(1, MAX_REPLICAS)],
    autoscaling: ['autoscaling', autoscaling],
    probes: ['probes', object({ liveness: ['liveness', string(URL_PATH, 'write an URL path such as /healthz')], readiness: ['readiness', string(URL_PATH, 'write an URL path such as /ready')] })],
    ingress: ['ingress', object({ host: ['host', string(/^[a-z0-9.-]+$/, 'write a DNS host name')], tls_secret: ['tlsSecret', string()], class: ['className', string()] })],
    storage: [
      'storage',
      object({
        size: ['size', string(QUANTITY, 'write a quantity such as 20Gi')],
        class: ['className', string()],
        access_mode: ['accessMode', string(/^ReadWrite(Once|Many)$/, 'write ReadWriteOnce or ReadWriteMany')],
      }),
    ],
    uid: ['uid', count(1, MAX_ID)],
    gid: ['gid', count(1, MAX_ID)],
    celery_app: ['celeryApp', string(/^\S+$/, 'write the celery -A application, e.g. proj.celery:app')],
  })(raw, '');
  const result = (block ?? {}) as WebstackBlock & { ingress?: { host?: string } };
  if (result.ingress && result.ingress.host === undefined) {
    invalid('.ingress', 'needs a host', raw, 'add `host: shop.example.com`');
    const { ingress: _dropped, ...rest } = result;
    return rest;
  }
  return result;
}
