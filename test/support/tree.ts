import * as fs from 'fs';
import * as path from 'path';

/**
 * Every entry below `dir` by relative path: a file's content, `<dir>` for a directory, `<other>` for anything else
 * (a FIFO, a socket); with `filesOnly`, the files alone. Comparing two of them proves what a run touched.
 */
export function treeOf(dir: string, options: { readonly filesOnly?: boolean } = {}): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (options.filesOnly && !entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    entries[path.relative(dir, full)] = entry.isFile() ? fs.readFileSync(full, 'utf8') : entry.isDirectory() ? '<dir>' : '<other>';
  }
  return entries;
}
