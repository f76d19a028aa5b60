/**
 * What the differential test compares: compose-go's `docker compose config --format json` and our loader's
 * `normalized`, both passed through {@link projectForComparison}. The projection is deliberately thin — it only
 * removes what carries no meaning for the model or is spelled differently for the same meaning — so every
 * other disagreement surfaces and must be fixed or listed, with its reason, in `differential-known.ts`.
 */

/** Top-level and per-service rewrites, each with the reason it is not a real difference. */
const PROJECTION_RULES = [
  {
    what: 'top-level `x-*` extension fields are dropped',
    why:
      'they carry no meaning for the model (compose-mapping.md: x-* keys other than x-webstack are ignored); ' +
      'the anchors they hold are compared where services use them',
  },
  {
    what: 'service `command` / `entrypoint` that are null are dropped',
    why: 'compose-go prints every unset command and entrypoint as `null`; null and absent mean the same',
  },
] as const;

/** Human-readable list of the projection's rules, printed in the test summary so a reader sees what was skipped. */
export const PROJECTION_SUMMARY: readonly string[] = PROJECTION_RULES.map((r) => `${r.what}: ${r.why}`);

const NULL_MEANS_ABSENT = ['command', 'entrypoint'];

/** The comparable part of a compose project in compose-go's canonical JSON shape. */
export function projectForComparison(project: unknown): unknown {
  if (!isObject(project)) return project;
  const projected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(project)) {
    if (key.startsWith('x-')) continue;
    projected[key] = key === 'services' && isObject(value) ? mapValues(value, projectService) : value;
  }
  return projected;
}

function projectService(service: unknown): unknown {
  if (!isObject(service)) return service;
  return Object.fromEntries(Object.entries(service).filter(([k, v]) => !(v === null && NULL_MEANS_ABSENT.includes(k))));
}

function mapValues(obj: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
