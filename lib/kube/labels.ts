import { POD } from '../defaults';

/** The identity of one role instance, from which all of its labels derive. */
export interface RoleIdentity {
  /** Role name: `app.kubernetes.io/name` and `metadata.name` of every object. */
  readonly name: string;
  /** Stack instance: `app.kubernetes.io/instance`. */
  readonly instance: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** `app.kubernetes.io/part-of`. */
  readonly partOf: string;
}

/** Labels that select exactly one role's pods. Stable, so selectors (immutable once applied) never change. */
export function selectorLabels(id: RoleIdentity): Record<string, string> {
  return { 'app.kubernetes.io/name': id.name, 'app.kubernetes.io/instance': id.instance };
}

/** The recommended `app.kubernetes.io/*` labels, on every object and pod of a role. */
export function standardLabels(id: RoleIdentity): Record<string, string> {
  return {
    ...selectorLabels(id),
    'app.kubernetes.io/component': id.component,
    'app.kubernetes.io/part-of': id.partOf,
    'app.kubernetes.io/managed-by': POD.managedBy,
  };
}
