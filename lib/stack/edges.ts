import type { IStackRole, RolePort } from '../services/role';

/**
 * The traffic graph of a stack, derived only from what roles declare: a dependency `A -> B` lets A's pods open
 * connections to B's ports. Nothing else is allowed, so a stack without celery has no celery edges.
 */

/** One allowed connection: from a role (or from outside the namespace) to a role's ports. */
export interface Edge {
  /** The connecting role, or `'external'` for clients outside the namespace (load balancer, ingress controller). */
  readonly from: IStackRole | 'external';
  readonly to: IStackRole;
  readonly ports: readonly RolePort[];
}

/** The edges plus anything that makes the declared graph impossible to render. */
export interface TrafficGraph {
  readonly edges: readonly Edge[];
  /** Human-readable problems; a stack with problems fails validation and renders no role policies. */
  readonly problems: readonly string[];
}

/**
 * Derives the edges of the given roles. Order is deterministic: external ingress first, then dependencies in the
 * order roles and their `dependencies` were declared.
 *
 * @param roles every role of one stack, in construct-tree order
 * @param reservedNames names already taken by the stack's own policies
 */
export function trafficGraph(roles: readonly IStackRole[], reservedNames: readonly string[] = []): TrafficGraph {
  const problems: string[] = [];
  const seen = new Map<string, IStackRole>();
  const reserved = new Set(reservedNames);
  for (const role of roles) {
    if (seen.has(role.name)) problems.push(`two roles are named "${role.name}": give each role a unique name`);
    if (reserved.has(role.name)) problems.push(`role name "${role.name}" is reserved for a stack-wide NetworkPolicy: rename the role`);
    seen.set(role.name, role);
  }

  const external: Edge[] = roles.filter((r) => r.exposed).map((to) => ({ from: 'external', to, ports: to.ports }));
  for (const edge of external) {
    if (edge.ports.length === 0) problems.push(`role "${edge.to.name}" is exposed but has no ports: declare the port clients connect to`);
  }

  // Sets, not array scans: a stack of thousands of roles must not turn edge derivation quadratic (issue 5).
  const members = new Set(roles);
  const internal: Edge[] = [];
  for (const from of roles) {
    const targets = new Set<IStackRole>();
    for (const to of from.dependencies) {
      if (to === from) {
        problems.push(`role "${from.name}" depends on itself: remove it from its own dependencies`);
      } else if (!members.has(to)) {
        problems.push(`role "${from.name}" depends on "${to.name}", which is not part of this stack: create "${to.name}" with this stack as its scope`);
      } else if (to.ports.length === 0) {
        problems.push(`role "${from.name}" depends on "${to.name}", which accepts no connections (no ports): remove the dependency or declare the port`);
      } else if (!targets.has(to)) {
        targets.add(to);
        internal.push({ from, to, ports: to.ports });
      }
    }
  }
  return { edges: [...external, ...internal], problems };
}
