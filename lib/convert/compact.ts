/** Drops undefined values and empty lists, so specs print (and snapshot) only what was decided. */
export function compact<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
