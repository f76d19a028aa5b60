/**
 * kompose v1.34.0, the reference the issue compares against. scripts/bench.sh tries to `go install` it into the
 * shared tools cache (the layout of scripts/install-tools.sh); this module finds the binary and checks its
 * version. When it is missing the benchmark still runs, and the report says why kompose has no figures.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const KOMPOSE_VERSION = 'v1.34.0';

/** Either a runnable binary of the pinned version, or why there is none. */
export type KomposeLookup = { readonly binary: string } | { readonly unavailable: string };

/** The shared tools cache of scripts/install-tools.sh. */
function toolsCache(): string {
  return process.env.WEBSTACK_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdk8s-webstack');
}

/** Where scripts/bench.sh installs kompose, and where its log of the attempt is. */
export function komposeInstallDir(): string {
  return path.join(toolsCache(), `kompose-${KOMPOSE_VERSION}`);
}

/** `$KOMPOSE` if set, else the cached install; the version must match, so figures always compare to v1.34.0. */
export function findKompose(): KomposeLookup {
  const binary = process.env.KOMPOSE ?? path.join(komposeInstallDir(), 'bin', 'kompose');
  if (!fs.existsSync(binary)) {
    const log = path.join(komposeInstallDir(), 'install.log');
    // The proxy's answer without its address: the report goes into docs/.
    const answer = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').replace(/https?:\/\/\S+/g, '<module proxy>') : '';
    const why = answer.trim().split('\n').slice(-2).join(' ').replace(/\s+/g, ' ') || 'not installed';
    return { unavailable: `kompose ${KOMPOSE_VERSION} is not installed (${why})` };
  }
  const version = spawnSync(binary, ['version'], { encoding: 'utf8' });
  const reported = version.stdout?.trim() ?? '';
  if (version.status !== 0 || !reported.startsWith(KOMPOSE_VERSION.slice(1))) {
    return { unavailable: `${binary} reports '${reported || version.stderr}', not ${KOMPOSE_VERSION}` };
  }
  return { binary };
}
