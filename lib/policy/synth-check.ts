import { ApiObject } from 'cdk8s';
import { IConstruct, IValidation } from 'constructs';
import { checkManifest } from './manifest';
import { ManifestJson, runsPods } from './pod-templates';
import type { PolicyViolation } from './violation';

/**
 * The synth-time policy. cdk8s has no Aspects, so this is the read-only half of the aws-cdk Aspect idea: a
 * visitor over every `ApiObject` under a scope, run from `node.addValidation`, which cdk8s calls before writing
 * anything (both `app.synth()` and `Testing.synth()`). It renders each object with `toJson()`, so it judges
 * exactly what would be written, including users' JSON patches and prop overrides, and never mutates the tree.
 */

/** A violation together with the object it was found in. */
export interface ObjectViolation {
  /** `Kind/name` of the rendered object, e.g. `Deployment/backend`. */
  readonly object: string;
  /** Construct path of the object, to find the code that made it. */
  readonly constructPath: string;
  readonly violation: PolicyViolation;
}

/** Runs every policy check on every API object under `scope`, in construct-tree order. */
export function findPolicyViolations(scope: IConstruct): ObjectViolation[] {
  return scope.node
    .findAll()
    // Rendering is most of a synth's time: objects of kinds without pods (a JSON patch does not change a kind) are not rendered to find nothing.
    .filter((c): c is ApiObject => c instanceof ApiObject && runsPods(c.kind))
    .flatMap((apiObject) => {
      const manifest = apiObject.toJson() as { kind?: string; metadata?: { name?: string } };
      const object = `${manifest.kind ?? apiObject.kind}/${manifest.metadata?.name ?? apiObject.name}`;
      return checkManifest(manifest).map((violation) => ({ object, constructPath: apiObject.node.path, violation }));
    });
}

/**
 * One line per violation (cdk8s lists validation errors one per line): object, field, rule code, what is wrong
 * and the fix, e.g. `Deployment/backend spec.template.spec.containers[0].image: error[image-latest]: ... Fix: ...`.
 */
export function formatObjectViolation(found: ObjectViolation): string {
  const v = found.violation;
  return `${found.object} ${v.path}: ${v.severity}[${v.code}]: ${v.message}. Fix: ${v.fix}`;
}

/** The validation `WebStack` registers; exposed so any chart can opt in with `scope.node.addValidation(...)`. */
export class PodPolicyValidation implements IValidation {
  /** True while {@link checkRendered} renders: the manifests are judged once rendered, not rendered twice. */
  private deferred = false;

  constructor(private readonly scope: IConstruct) {}

  public validate(): string[] {
    return this.deferred ? [] : findPolicyViolations(this.scope).map(formatObjectViolation);
  }

  /**
   * Runs a chart's rendering (`Chart.toJson()`, which validates right before it renders) with this check left out of
   * the validation, then checks the manifests it rendered and throws as a failed cdk8s validation does. Rendering is
   * most of a synth's time; the workloads were rendered once to be checked and again to be written.
   */
  public checkRendered(render: () => ManifestJson[]): ManifestJson[] {
    const outer = this.deferred;
    this.deferred = true;
    let manifests: ManifestJson[];
    try {
      manifests = render();
    } finally {
      this.deferred = outer;
    }
    const errors = manifests.flatMap((manifest) =>
      checkManifest(manifest).map((violation) => `[${this.scope.node.path}] ${formatObjectViolation({ object: `${manifest.kind}/${manifest.metadata?.name}`, constructPath: this.scope.node.path, violation })}`),
    );
    if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    return manifests;
  }
}
