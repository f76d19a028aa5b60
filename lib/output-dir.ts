import * as fs from 'fs';
import * as path from 'path';
import { isWithin, PSEUDO_FILESYSTEMS } from './paths';

/**
 * Where output may be written. Both `webstack convert -o DIR` and `cdk8s synth` (main.ts through
 * `publishAtomically`) replace a whole directory, so a careless `-o .` or `-o src` must never delete a user's
 * files. A directory is ours to replace only when it is absent, empty, or holds a previous output, which we
 * recognise by the marker file every publication writes; anything else needs `force`. Some targets are refused
 * even with `force`: the filesystem root, the working directory, the project directory, an input file, any
 * directory that holds one of them, and the kernel's pseudo-filesystems.
 */

/** The file every publication writes into its output directory, so the next one may replace it. */
export const OUTPUT_MARKER = '.webstack-output';

/** What the marker file says, for a person who finds it. */
export const OUTPUT_MARKER_TEXT = 'This directory is output of cdk8s-webstack; the next webstack convert or cdk8s synth replaces all of it.\n';


export interface OutputDirRules {
  /**
   * Paths the output must not replace or contain: the input files and the project directory. The working
   * directory is always protected.
   * @default - none beyond the working directory
   */
  readonly protectedPaths?: readonly string[];
  /**
   * Working directory, protected like the inputs.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Replace a directory that holds files but no output marker (`--force`). Never lifts the rules on protected paths.
   * @default false
   */
  readonly force?: boolean;
}

/** A target the rules refuse; the message names the path, what is wrong and what to do. */
export class OutputDirError extends Error {
  constructor(readonly target: string, message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

/**
 * Checks that `target` may be replaced by a new output, and throws {@link OutputDirError} when not. Symlinks are
 * resolved as far as the path exists, so a link cannot smuggle the project directory in under another name.
 */
export function checkOutputDir(target: string, rules: OutputDirRules = {}): void {
  const cwd = rules.cwd ?? process.cwd();
  const resolved = realPathOfExistingPrefix(path.resolve(cwd, target));
  const shown = path.resolve(cwd, target);
  if (resolved === path.parse(resolved).root) throw new OutputDirError(shown, `refusing to write output to the filesystem root ${shown}; name a directory of its own, e.g. -o dist`);
  if (PSEUDO_FILESYSTEMS.some((dir) => isWithin(resolved, dir))) {
    throw new OutputDirError(shown, `refusing to write output to ${shown}: it is inside ${PSEUDO_FILESYSTEMS.find((dir) => isWithin(resolved, dir))}, a kernel filesystem, not a place for files`);
  }
  for (const kept of [cwd, ...(rules.protectedPaths ?? [])].map((p) => realPathOfExistingPrefix(path.resolve(cwd, p)))) {
    if (isWithin(kept, resolved)) {
      const what = kept === resolved ? 'is' : 'contains';
      throw new OutputDirError(shown, `refusing to replace ${shown}: it ${what} ${kept === realPathOfExistingPrefix(cwd) ? 'the working directory' : 'an input of this run'} (${kept}); name a directory of its own, e.g. -o dist`);
    }
  }
  const stat = lstatOrUndefined(resolved);
  if (stat === undefined) {
    const blocker = firstNonDirectoryAncestor(resolved);
    if (blocker) throw new OutputDirError(shown, `cannot create ${shown}: ${blocker} is not a directory`);
    return;
  }
  if (!stat.isDirectory()) throw new OutputDirError(shown, `refusing to replace ${shown}: it is a file, not an output directory; name a directory, e.g. -o dist`);
  const entries = fs.readdirSync(resolved);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || entries.every(isLegacyOutput) || rules.force) return;
  throw new OutputDirError(
    shown,
    `refusing to replace ${shown}: it holds ${entries.length} file(s) that are not webstack output (no ${OUTPUT_MARKER}), e.g. ${entries.sort().slice(0, 3).join(', ')}; ` +
      'name an empty or new directory, or pass --force to replace it',
  );
}

/**
 * Output written before the marker existed holds nothing but cdk8s manifest files (`webstack.k8s.yaml`); such a
 * directory is replaced like a marked one, so upgrading does not make the first synth fail.
 */
function isLegacyOutput(entry: string): boolean {
  return /\.k8s\.(ya?ml|json)$/.test(entry);
}

/** The path with every symlink of its longest existing prefix resolved; the missing rest is appended as is. */
function realPathOfExistingPrefix(absolute: string): string {
  const missing: string[] = [];
  for (let p = absolute; ; p = path.dirname(p)) {
    try {
      return path.join(fs.realpathSync.native(p), ...missing.reverse());
    } catch {
      if (p === path.dirname(p)) return absolute;
      missing.push(path.basename(p));
    }
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of a missing path when it is not a directory (`-o notes.txt/x`). */
function firstNonDirectoryAncestor(missing: string): string | undefined {
  for (let p = path.dirname(missing); p !== path.dirname(p); p = path.dirname(p)) {
    const stat = lstatOrUndefined(p);
    if (stat) return stat.isDirectory() ? undefined : p;
  }
  return undefined;
}
