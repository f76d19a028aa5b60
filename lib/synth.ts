import * as fs from 'fs';
import * as path from 'path';

/**
 * Atomic output: manifests are written into a fresh staging directory beside the target and swapped in only
 * when writing succeeded, so a failing synth (a validation error, a thrown construct error) leaves the previous
 * output exactly as it was, and readers never see a half-written directory.
 */

export interface PublishOptions {
  /**
   * A directory that receives a copy of the published output, e.g. the scratch directory the cdk8s CLI passes
   * as `CDK8S_OUTDIR` and lists after the app exits. Ignored when it resolves to `outdir` itself.
   * @default - no copy
   */
  readonly mirrorDir?: string;
}

function removeQuietly(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes a directory atomically.
 *
 * 1. `write(staging)` fills a new sibling directory `.<name>-XXXXXX` (same filesystem, so renames are atomic);
 * 2. on success the old `outdir` is renamed away, the staging directory renamed into its place, the old one
 *    deleted; if the second rename fails the old directory is put back;
 * 3. on failure the staging directory is deleted and the error rethrown; `outdir` is never touched.
 *
 * Between the two renames `outdir` is briefly absent (Node has no atomic directory exchange); it is never partial.
 *
 * @param outdir the directory to replace, e.g. `dist`
 * @param write fills the staging directory it is given (e.g. `new App({ outdir: staging })` + `app.synth()`)
 */
export function publishAtomically(outdir: string, write: (stagingDir: string) => void, options: PublishOptions = {}): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const prefix = path.join(parent, `.${path.basename(target)}-`);
  const staging = fs.mkdtempSync(prefix);
  try {
    write(staging);
    // mkdtemp creates 0700; published output should be as readable as any other build output.
    fs.chmodSync(staging, 0o755);
  } catch (error) {
    removeQuietly(staging);
    throw error;
  }

  const previous = fs.existsSync(target) ? `${prefix}old-${path.basename(staging).slice(-6)}` : undefined;
  if (previous) fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (previous) fs.renameSync(previous, target);
    removeQuietly(staging);
    throw error;
  }
  if (previous) removeQuietly(previous);

  if (options.mirrorDir && path.resolve(options.mirrorDir) !== target) {
    removeQuietly(options.mirrorDir);
    fs.cpSync(target, options.mirrorDir, { recursive: true });
  }
}
