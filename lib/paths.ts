import * as path from 'path';

/** Directories of the kernel's pseudo-filesystems: nothing there is a file a user means to read or write. */
export const PSEUDO_FILESYSTEMS: readonly string[] = ['/proc', '/sys', '/dev'];

/** True when `inner` is `outer` or lies below it (both absolute, compared as written: resolve symlinks first). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
