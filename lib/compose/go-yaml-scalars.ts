/**
 * Plain-scalar numbers as go-yaml v4 (compose-go's YAML library) resolves them, where that differs from the
 * YAML 1.2 core schema the `yaml` package applies: underscores are dropped (`1_000` is 1000), a leading zero
 * means octal (`0440` is 288, the usual way to write a file mode), `0b`/`0o`/`0x` prefixes and a sign before a
 * prefix are accepted, and anything else that looks like a YAML float is a float (`08` is 8).
 */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** The number go-yaml reads from a plain scalar, or undefined when it reads something else. */
export function goYamlNumber(source: string): number | undefined {
  if (!/^[-+0-9]/.test(source)) return undefined;
  const plain = source.replace(/_/g, '');
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, hex, octal, binary, leadingZeroOctal, decimal] = int;
    const magnitude =
      hex !== undefined ? parseInt(hex, 16)
      : octal !== undefined ? parseInt(octal, 8)
      : binary !== undefined ? parseInt(binary, 2)
      : leadingZeroOctal !== undefined ? parseInt(leadingZeroOctal || '0', 8)
      : Number(decimal);
    return sign === '-' ? -magnitude : magnitude;
  }
  return YAML_FLOAT.test(plain) ? Number(plain) : undefined;
}
