/**
 * Compose sizes and cpu counts as Kubernetes quantities. Compose byte units are binary (`300M` is 300 MiB), so
 * the exact binary suffix is used; kompose printed decimal units and lost bytes (kompose#730).
 */

const BINARY_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** `314572800` -> `300Mi`; sizes that are no whole binary unit stay plain byte counts. */
export function bytesToQuantity(bytes: number): string {
  const whole = Math.round(bytes);
  for (const [suffix, size] of BINARY_UNITS) {
    if (whole >= size && whole % size === 0) return `${whole / size}${suffix}`;
  }
  return String(whole);
}

/** `0.5` -> `500m`, `2` -> `2`; Kubernetes cannot express less than a millicore, so it rounds up to one. */
export function cpusToQuantity(cpus: number): string {
  const millis = Math.max(1, Math.ceil(cpus * 1000 - 1e-9));
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

const QUANTITY_SUFFIX: Readonly<Record<string, number>> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Value of a quantity in base units (cores, bytes), for comparing a Compose value with a role default. */
export function quantityValue(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(quantity);
  const factor = match ? QUANTITY_SUFFIX[match[2] ?? ''] : undefined;
  if (!match || factor === undefined) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * factor;
}
