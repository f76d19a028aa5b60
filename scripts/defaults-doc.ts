/**
 * `npm run docs`: regenerates docs/defaults.md from lib/defaults.ts, the JSDoc from its source (TypeScript
 * compiler API) and the values from the module itself, so the page shows what the constructs really apply.
 * Run from the project root (npm does that); the built copy is build/scripts/defaults-doc.js.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as defaults from '../lib/defaults';
import { OVERRIDE_GUIDE } from './defaults-doc/overrides';
import { readConstDocs } from './defaults-doc/read-docs';
import { renderDefaultsDoc } from './defaults-doc/render';

/** Where the page lives, relative to the project root. */
export const DEFAULTS_DOC = path.join('docs', 'defaults.md');

/** docs/defaults.md as lib/defaults.ts in `root` says it should read. */
export function renderProjectDefaultsDoc(root: string): string {
  const source = path.join(root, 'lib', 'defaults.ts');
  return renderDefaultsDoc(readConstDocs(source, readFileSync(source, 'utf8')), defaults, OVERRIDE_GUIDE);
}

if (require.main === module) {
  const root = process.cwd();
  writeFileSync(path.join(root, DEFAULTS_DOC), renderProjectDefaultsDoc(root));
  console.log(`wrote ${DEFAULTS_DOC}`);
}
