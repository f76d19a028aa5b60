/**
 * The contract between a service role (lib/services/*) and the stack that wires roles together (lib/stack*).
 * A role knows its own pods and ports; the stack turns declared dependencies into NetworkPolicy edges. Roles
 * never create NetworkPolicies themselves, so a stack without celery has no celery edges.
 */

/** A port peers connect to. Names are IANA-style service names (`http`, `postgres`, `redis`). */
export interface RolePort {
  readonly name: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface IStackRole {
  /** Stable DNS-1123 name of the role's objects (`backend`, `postgres`); also its Service name. */
  readonly name: string;
  /** Value of `app.kubernetes.io/component` (`backend`, `frontend`, `worker`, `database`, `cache`, `proxy`). */
  readonly component: string;
  /** Labels that select exactly this role's pods (stable; never a hashed cdk8s address label). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Ports other pods may connect to; empty for workers, which accept no traffic. */
  readonly ports: readonly RolePort[];
  /** Roles this one opens connections to: each becomes an egress edge here and an ingress edge there. */
  readonly dependencies: readonly IStackRole[];
  /** True only for the entry point reached from outside the namespace (the proxy). */
  readonly exposed: boolean;
}

/**
 * A chart that wires roles (the WebStack): a role registers with it when constructed, and it creates the role's
 * NetworkPolicy right then, its rules derived from the whole graph at synth.
 */
export interface IRoleRegistry {
  registerRole(role: IStackRole): void;
}

/** The registry a role is constructed in, if its chart is one. */
export function roleRegistryOf(chart: object): IRoleRegistry | undefined {
  return typeof (chart as Partial<IRoleRegistry>).registerRole === 'function' ? (chart as IRoleRegistry) : undefined;
}

/** Type guard used by the stack to find roles among a chart's children. */
export function isStackRole(x: unknown): x is IStackRole {
  const r = x as Partial<IStackRole> | undefined;
  return !!r && typeof r.name === 'string' && Array.isArray(r.ports) && Array.isArray(r.dependencies) && typeof r.exposed === 'boolean';
}
