import * as fs from 'fs';
import * as path from 'path';
import type { Chart } from 'cdk8s';
import { isWithin } from './paths';
import { checkOutputDir, OUTPUT_MARKER, OUTPUT_MARKER_TEXT, OutputDirError, type OutputDirRules } from './output-dir';
import { stringifyManifests } from './yaml-output';

/**
 * Atomic output: manifests are written into a fresh staging directory beside the target and swapped in only
 * when writing succeeded, so a failing synth (a validation error, a thrown construct error) leaves the previous
 * output exactly as it was, and readers never see a half-written directory.
 */

export interface PublishOptions {
  /**
   * What `outdir` may be: absent, empty, or a previous output (it holds the marker file every publication
   * writes), never the working directory, an input or a directory holding one (see `lib/output-dir.ts`).
   * @default - the working directory is protected, no force
   */
  readonly rules?: OutputDirRules;
  /**
   * A directory that receives a copy of the published output, e.g. the scratch directory the cdk8s CLI passes
   * as `CDK8S_OUTDIR` and lists after the app exits. Ignored when it resolves to `outdir` itself.
   * @default - no copy
   */
  readonly mirrorDir?: string;
  /**
   * Write the output marker, so that the next publication may replace the directory without --force. Off for a
   * directory people edit (a project `webstack init` creates), which must never be replaced silently.
   * @default true
   */
  readonly marker?: boolean;
}

function removeQuietly(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes a directory atomically.
 *
 * 0. `outdir` is checked against the output rules ({@link checkOutputDir}); a refused target throws
 *    {@link OutputDirError} before anything is created;
 * 1. `write(staging)` fills a new sibling directory `.<name>-XXXXXX` (same filesystem, so renames are atomic),
 *    and the output marker is added to it;
 * 2. on success the old `outdir` is renamed away, the staging directory renamed into its place, the old one
 *    deleted; if the second rename fails the old directory is put back;
 * 3. on failure the staging directory, and any parent directory this call created, is deleted and the error
 *    rethrown; `outdir` is never touched.
 *
 * Between the two renames `outdir` is briefly absent (Node has no atomic directory exchange); it is never partial.
 *
 * @param outdir the directory to replace, e.g. `dist`
 * @param write fills the staging directory it is given (e.g. `new App({ outdir: staging })` + `app.synth()`)
 */
export function publishAtomically(outdir: string, write: (stagingDir: string) => void, options: PublishOptions = {}): void {
  const target = path.resolve(outdir);
  checkOutputDir(target, options.rules);
  const parent = path.dirname(target);
  const createdParent = filesystemCall(target, () => fs.mkdirSync(parent, { recursive: true }));
  const prefix = path.join(parent, `.${path.basename(target)}-`);
  let staging: string | undefined;
  try {
    staging = filesystemCall(target, () => fs.mkdtempSync(prefix));
    write(staging);
    if (options.marker ?? true) fs.writeFileSync(path.join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    // mkdtemp creates 0700; published output should be as readable as any other build output.
    fs.chmodSync(staging, 0o755);
    swapInto(staging, target, prefix);
  } catch (error) {
    if (staging) removeQuietly(staging);
    if (createdParent) removeQuietly(createdParent);
    throw error;
  }

  if (options.mirrorDir && path.resolve(options.mirrorDir) !== target) {
    checkOutputDir(options.mirrorDir, options.rules);
    removeQuietly(options.mirrorDir);
    fs.cpSync(target, options.mirrorDir, { recursive: true });
  }
}

/** Renames `staging` into `target`, moving a previous `target` away first and putting it back if that fails. */
function swapInto(staging: string, target: string, prefix: string): void {
  const previous = fs.existsSync(target) ? `${prefix}old-${path.basename(staging).slice(-6)}` : undefined;
  if (previous) fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (previous) fs.renameSync(previous, target);
    throw error;
  }
  if (previous) removeQuietly(previous);
}

/** Runs a filesystem call for `target`, turning its failure (EACCES, EROFS, ENOTDIR...) into an {@link OutputDirError}. */
function filesystemCall<T>(target: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new OutputDirError(target, `cannot write output to ${target}: ${e.code ?? ''} ${e.message}`.trim());
  }
}

/** The file a stack's manifests go to: `<name>.k8s.yaml`, as cdk8s names a chart's file. */
export function manifestFileName(name: string, format: 'yaml' | 'json' = 'yaml'): string {
  return `${name}.k8s.${format}`;
}

/**
 * Writes a chart's manifests into `dir` as `webstack convert` writes them (`lib/yaml-output.ts`: cdk8s's YAML, with
 * the strings Kubernetes' reader would take for numbers quoted), so a project's `cdk8s synth` and a conversion of
 * the same stack give the same bytes.
 */
export function writeManifests(chart: Chart, dir: string): void {
  fs.writeFileSync(path.join(dir, manifestFileName(chart.node.id)), manifestsYaml(chart));
}

/** A chart's manifests as the text {@link writeManifests} writes: what a project's reviewed-manifests test compares. */
export function manifestsYaml(chart: Chart): string {
  return stringifyManifests(chart.toJson());
}

/**
 * What a cdk8s app's composition root (main.ts) calls under `cdk8s synth`: publishes `outdir` atomically and gives
 * the CLI a copy in `CDK8S_OUTDIR`, the directory it lists (and would otherwise be the output). With
 * `cdk8s synth --format helm --chart-version X`, that directory is `<chart>/templates` beside the `Chart.yaml` the
 * CLI scaffolded: then `outdir` becomes the Helm chart itself, the CLI's `Chart.yaml` and `README.md` with the
 * manifests under `templates/`, where `{{` and `}}` (a Grafana or Prometheus config in a ConfigMap) are escaped so
 * that Helm renders every manifest exactly as written.
 */
export function publishForCdk8sCli(outdir: string, write: (dir: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  const mirror = env.CDK8S_OUTDIR;
  const chart = mirror && path.basename(mirror) === 'templates' && fs.existsSync(path.join(path.dirname(mirror), 'Chart.yaml')) ? path.dirname(mirror) : undefined;
  if (mirror === undefined || chart === undefined) {
    publishAtomically(outdir, write, { mirrorDir: mirror });
    return;
  }
  const target = path.resolve(outdir);
  const mirrored = !isWithin(path.resolve(mirror), target);
  // The CLI created templates/ empty; one holding other files is someone's chart, which the copy must not add to.
  if (mirrored) checkOutputDir(mirror);
  const scaffold = Object.fromEntries(['Chart.yaml', 'README.md'].filter((f) => fs.existsSync(path.join(chart, f))).map((f) => [f, fs.readFileSync(path.join(chart, f))]));
  // The CLI has just scaffolded the chart into outdir itself when its output is outdir: that is ours to replace.
  publishAtomically(
    outdir,
    (staging) => {
      for (const [file, content] of Object.entries(scaffold)) fs.writeFileSync(path.join(staging, file), content);
      const templates = path.join(staging, 'templates');
      fs.mkdirSync(templates);
      write(templates);
      escapeForHelm(templates);
    },
    { rules: { force: path.resolve(chart) === target } },
  );
  if (mirrored) fs.cpSync(path.join(target, 'templates'), mirror, { recursive: true });
}

/** Helm renders every file under templates/ as a Go template: `{{` and `}}` in a manifest become literal text again. */
export function escapeForHelm(dir: string): void {
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    const escaped = text.replace(/\{\{|\}\}/g, (braces) => `{{ "${braces}" }}`);
    if (escaped !== text) fs.writeFileSync(file, escaped);
  }
}
