import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { convertCompose } from '../../lib/convert';
import { CorpusCase } from '../support/corpus';
import { imagePins, userFixes, type UserFixes } from '../support/corpus-fixes';

/** What `webstack convert` made of one corpus case. */
export interface Conversion {
  /** Exit code of the CLI: 0 wrote manifests, 1 refused the input, 2 is a converter bug. */
  readonly exitCode: number;
  /** Directory holding the manifests (empty unless exitCode is 0). */
  readonly dir: string;
  /** Distinct `error[...]` codes the CLI printed, in first-seen order. */
  readonly errorCodes: readonly string[];
  /** The `--image` flags passed (see {@link imagePinsFor}). */
  readonly images: Readonly<Record<string, string>>;
  /** The user's override files passed as extra `-f` (test/support/corpus-fixes.ts). */
  readonly fixFiles: readonly string[];
}

/** The `--image` pins a user adds for this case, read from a first conversion's findings. */
function imagePinsFor(c: CorpusCase, fixes: UserFixes): Record<string, string> {
  const { diagnostics } = convertCompose({
    files: [...c.files, ...fixes.files],
    envFiles: [...c.envFiles],
    profiles: [...c.profiles],
    environment: { ...c.env },
    rwxStorageClass: fixes.rwxStorageClass,
  });
  return imagePins(diagnostics);
}

/** A DNS-1123 label for a case, stable and readable: `real/mattermost__docker#2` becomes `mattermost-docker-2`. */
export function namespaceFor(id: string): string {
  return id
    .replace(/^(real|awesome-compose)\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Runs `webstack convert` in-process, exactly as a user would from the case's project directory, with the case's
 * `-f`, `--env-file` and `--profile` flags, the user's fixes (override files after the case's files, and
 * `--rwx-storage-class`), the `--image` pins it needs, and only the variables its documented command expects from
 * the shell.
 */
export function convertCase(c: CorpusCase, namespace: string): Conversion {
  const fixes = userFixes(c);
  const images = imagePinsFor(c, fixes);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-corpus-'));
  const stderr: string[] = [];
  const argv = [
    'convert',
    ...[...c.files, ...fixes.files].flatMap((f) => ['-f', f]),
    ...c.envFiles.flatMap((f) => ['--env-file', f]),
    ...c.profiles.flatMap((p) => ['--profile', p]),
    ...Object.entries(images).flatMap(([service, image]) => ['--image', `${service}=${image}`]),
    '--rwx-storage-class',
    fixes.rwxStorageClass,
    '--namespace',
    namespace,
    '--output',
    dir,
  ];
  const exitCode = run(argv, {
    cwd: c.projectDir,
    env: { ...c.env },
    stdout: () => undefined,
    stderr: (text) => stderr.push(text),
  });
  const errorCodes = [...new Set([...stderr.join('\n').matchAll(/\berror\[([a-z0-9-]+)\]/g)].map((m) => m[1] ?? ''))];
  return { exitCode, dir, errorCodes, images, fixFiles: fixes.files };
}
