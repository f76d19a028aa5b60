import * as YAML from 'yaml';

/**
 * Manifests as multi-document YAML that every Kubernetes YAML reader reads back as written. cdk8s writes YAML 1.1
 * (so `yes`, `on`, `1e3`, `~` are already quoted), but Kubernetes' reader (sigs.k8s.io/yaml on go-yaml v2) also
 * resolves plain scalars with Go's `strconv.ParseInt(s, 0, 64)`, which reads `0o17` as 15 and `0b101` as 5:
 * such strings are double-quoted too. Otherwise the output is byte for byte what cdk8s's `Yaml.stringify` gives.
 */
export function stringifyManifests(objects: readonly unknown[]): string {
  return objects
    .map((object) => {
      // Most objects hold no such string: those take the direct path, which builds no document to visit.
      if (!holdsGoInteger(object)) return YAML.stringify(object, { keepUndefined: true, lineWidth: 0, version: '1.1' });
      const document = new YAML.Document(object, { version: '1.1', keepUndefined: true });
      YAML.visit(document, {
        Scalar(_key, node) {
          if (typeof node.value === 'string' && GO_INTEGER.test(node.value)) node.type = YAML.Scalar.QUOTE_DOUBLE;
        },
      });
      return document.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

/**
 * True when a string somewhere in `value` (keys included) reads as a Go integer in a form other than plain
 * decimal digits, which YAML 1.1 quotes anyway (`"5"`, `"017"`): `0o17`, `0b101`, `0x1F`, `1_000`.
 */
function holdsGoInteger(value: unknown): boolean {
  if (typeof value === 'string') return isPrefixedGoInteger(value);
  if (Array.isArray(value)) return value.some(holdsGoInteger);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => isPrefixedGoInteger(key) || holdsGoInteger(v));
  return false;
}

function isPrefixedGoInteger(text: string): boolean {
  return !/^[-+]?\d+$/.test(text) && GO_INTEGER.test(text);
}

/** What Go's `strconv.ParseInt(s, 0, 64)` accepts: decimal, `0b`, `0o`, `0x` and leading-zero octal, `_` between digits. */
const GO_INTEGER = /^[-+]?(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/;
