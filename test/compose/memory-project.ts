import { loadComposeTree, type LoadOptions } from '../../lib/compose/load-tree';

/** Loads an in-memory project rooted at /p (files keyed by absolute path), with an empty process environment. */
export function loadMemoryProject(files: Record<string, string>, opts: Omit<LoadOptions, 'readFile'> = {}): ReturnType<typeof loadComposeTree> {
  const readFile = (file: string): string => {
    const text = files[file];
    if (text === undefined) throw new Error(`ENOENT: ${file}`);
    return text;
  };
  return loadComposeTree({ workingDir: '/p', environment: {}, ...opts, readFile });
}

/** Each diagnostic as [code, file, line, column]. */
export function located(result: ReturnType<typeof loadComposeTree>): Array<[string, string | undefined, number | undefined, number | undefined]> {
  return result.diagnostics.map((d) => [d.code, d.pos?.file, d.pos?.line, d.pos?.column]);
}
