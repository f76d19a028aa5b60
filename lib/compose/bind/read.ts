/**
 * Typed readers over the normalized tree's plain JSON. Validation ran before binding, so a reader meets the
 * expected type; they still answer undefined (never throw) for anything else, so bind cannot crash on input
 * the schema lets through.
 */

/** A JSON object. */
export type Plain = Readonly<Record<string, unknown>>;

export function obj(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

/** A file mode as normalize prints it (`"0400"`, octal) into its number (256). */
export function fileMode(value: unknown): number | undefined {
  return typeof value === 'string' && /^[0-7]+$/.test(value) ? parseInt(value, 8) : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strList(value: unknown): string[] {
  return list(value).flatMap((v) => str(v) ?? []);
}

/** A map with string values; `nullable` keeps null values (environment), otherwise they become "". */
export function strMap(value: unknown): Record<string, string>;
export function strMap(value: unknown, nullable: true): Record<string, string | null>;
export function strMap(value: unknown, nullable = false): Record<string, string | null> {
  const map = obj(value) ?? {};
  return Object.fromEntries(
    Object.entries(map).map(([k, v]) => [k, v === null || v === undefined ? (nullable ? null : '') : (str(v) ?? JSON.stringify(v))]),
  );
}

/** Only the keys whose value is defined, so optional model fields stay absent rather than `undefined`. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
