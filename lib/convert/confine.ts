import * as path from 'path';
import { isWithin, PSEUDO_FILESYSTEMS } from '../paths';
import type { ServiceContext } from './context';

/**
 * Which files the converter may read into a manifest: regular files inside the project directory, or inside a
 * directory the user allowed with `--allow-path`, symlinks followed; never anything under the kernel's
 * pseudo-filesystems, and nothing larger than a ConfigMap holds. An env_file of `/proc/self/environ`, a config
 * `file: /etc/shadow` or a symlink out of the project would otherwise copy the converting machine's environment
 * (CI tokens included) or its files into the output.
 */

/** The most a file read into a manifest may hold: one ConfigMap's limit. */
export const MAX_READ_BYTES = 1024 * 1024;


/** Reads `file` for the service when the rules allow it, else reports why not at `at` and returns undefined. */
export function readConfined(ctx: ServiceContext, file: string, at: string, what: string): Buffer | undefined {
  const real = ctx.files.realPath(file);
  if (real === undefined) return undefined;
  const refuse = (message: string, fix: string): undefined => {
    ctx.reporter.report('file-refused', { at, message: `${what} ${file}${real !== file ? ` (${real})` : ''} ${message}`, value: file, fix });
    return undefined;
  };
  if (PSEUDO_FILESYSTEMS.some((dir) => isWithin(real, dir))) return refuse('is a kernel file, never read into a manifest', 'name a file of the project');
  if (!ctx.allowedRoots.some((root) => isWithin(real, root))) {
    return refuse('is outside the project directory, and nothing outside it is read into manifests', `move it into ${ctx.project.workingDir}, or allow its directory with --allow-path ${path.dirname(real)}`);
  }
  if (ctx.files.kind(real) !== 'file') return refuse('is not a regular file (a directory, FIFO, socket or device)', 'name a regular file');
  if (ctx.files.size(real) > MAX_READ_BYTES) return refuse(`is larger than ${MAX_READ_BYTES} bytes, more than a ConfigMap holds`, 'bake it into the image, or mount it from a volume');
  return ctx.files.read(real);
}
