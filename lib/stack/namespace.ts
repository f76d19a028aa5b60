import { Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { LIMIT_RANGE, POD_SECURITY, RESOURCE_QUOTA, STACK_OBJECT_NAMES } from '../defaults';
import { misuse } from '../kube/misuse';
import { validateName } from '../kube/names';

/** Per-key overrides of the LimitRange's container defaults and ceiling (`cpu`, `memory`, `ephemeral-storage`). */
export interface LimitRangeOverrides {
  /** @default LIMIT_RANGE.defaultRequest */
  readonly defaultRequest?: Readonly<Record<string, string>>;
  /** @default LIMIT_RANGE.default */
  readonly default?: Readonly<Record<string, string>>;
  /** @default LIMIT_RANGE.max */
  readonly max?: Readonly<Record<string, string>>;
}

export interface NamespaceGuardrailsProps {
  /** Name of the Namespace. */
  readonly name: string;
  /** Pod Security Standards policy version pinned on all three modes. @default POD_SECURITY.version ('v1.28') */
  readonly podSecurityVersion?: string;
  /** Per-key overrides of the ResourceQuota's `hard` limits. @default RESOURCE_QUOTA */
  readonly resourceQuota?: Readonly<Record<string, string>>;
  /** @default LIMIT_RANGE */
  readonly limitRange?: LimitRangeOverrides;
}

function quantities(values: Readonly<Record<string, string>>): Record<string, k8s.Quantity> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, k8s.Quantity.fromString(value)]));
}

/**
 * The namespace a stack lives in and the guardrails every pod in it gets: Pod Security Admission labels
 * (enforce, warn and audit = restricted, versions pinned), a ResourceQuota and a LimitRange.
 */
export class NamespaceGuardrails extends Construct {
  public readonly namespace: k8s.KubeNamespace;
  public readonly resourceQuota: k8s.KubeResourceQuota;
  public readonly limitRange: k8s.KubeLimitRange;

  constructor(scope: Construct, id: string, props: NamespaceGuardrailsProps) {
    super(scope, id);
    validateName(this, props.name);
    const version = props.podSecurityVersion ?? POD_SECURITY.version;
    if (!/^(v1\.[0-9]+|latest)$/.test(version)) {
      throw misuse(this, 'invalid-pod-security-version', 'Pod Security Admission rejects this policy version label', version, `use "v1.<minor>" such as "${POD_SECURITY.version}" (or "latest", which follows the cluster)`);
    }
    const psaLabels = Object.fromEntries(
      POD_SECURITY.modes.flatMap((mode) => [
        [`pod-security.kubernetes.io/${mode}`, POD_SECURITY.level],
        [`pod-security.kubernetes.io/${mode}-version`, version],
      ]),
    );
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: props.name, labels: psaLabels } });
    // A chart stamps its namespace on every object; a Namespace is cluster-scoped and must not carry one.
    if (Chart.of(this).namespace !== undefined) this.namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    this.resourceQuota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
      metadata: { name: STACK_OBJECT_NAMES.resourceQuota },
      spec: { hard: quantities({ ...RESOURCE_QUOTA, ...props.resourceQuota }) },
    });

    const limits = props.limitRange ?? {};
    this.limitRange = new k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: STACK_OBJECT_NAMES.limitRange },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: quantities({ ...LIMIT_RANGE.defaultRequest, ...limits.defaultRequest }),
            default: quantities({ ...LIMIT_RANGE.default, ...limits.default }),
            max: quantities({ ...LIMIT_RANGE.max, ...limits.max }),
          },
        ],
      },
    });
    // Namespaced objects can only be created once their Namespace exists: keep it first in the output.
    this.resourceQuota.addDependency(this.namespace);
    this.limitRange.addDependency(this.namespace);
  }
}
