/**
 * kompose v1.38.0, the reference the issues compare against, built from the sources in ../shared/tools by
 * scripts/install-tools.sh (`peers`) and linked at `.tools/bin/kompose`; this module finds the binary and checks its
 * version. When it is missing the benchmark still runs, and the report says why kompose has no figures.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../test/support/corpus';

export const KOMPOSE_VERSION = 'v1.38.0';

/** Either a runnable binary of the pinned version, or why there is none. */
export type KomposeLookup = { readonly binary: string } | { readonly unavailable: string };

/** `$KOMPOSE` if set, else the peer-tools build; the version must match, so figures always compare to v1.38.0. */
export function findKompose(): KomposeLookup {
  const binary = process.env.KOMPOSE ?? path.join(REPO_ROOT, '.tools', 'bin', 'kompose');
  if (!fs.existsSync(binary)) {
    return { unavailable: `kompose ${KOMPOSE_VERSION} is not installed (${binary} is missing: scripts/install-tools.sh peers builds it from ../shared/tools)` };
  }
  const version = spawnSync(binary, ['version'], { encoding: 'utf8' });
  const reported = version.stdout?.trim() ?? '';
  if (version.status !== 0 || !reported.startsWith(KOMPOSE_VERSION.slice(1))) {
    return { unavailable: `${binary} reports '${reported || version.stderr}', not ${KOMPOSE_VERSION}` };
  }
  return { binary };
}
