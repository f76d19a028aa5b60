import * as fs from 'fs';
import * as path from 'path';

/**
 * The repository root: the nearest directory above this file with cdk8s.yaml, so it is also right when compiled
 * into build/ (the benchmark and the comparison run from there).
 */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdk8s.yaml'))) return dir;
  }
  throw new Error(`no cdk8s.yaml above ${start}`);
}
