// Composition root: synthesizes the example stack into dist/ atomically. Run via `npm run synth` (cdk8s synth).
import { synthExample } from './lib/example';
import { OutputDirError } from './lib/output-dir';
import { publishForCdk8sCli } from './lib/synth';

/** Published output, relative to the working directory (the project root under `cdk8s synth`). */
const OUTDIR = 'dist';

// The CLI lists (and would validate) its own output directory after the app exits: it gets a copy; with
// `cdk8s synth --format helm --chart-version X`, dist/ becomes the Helm chart.
try {
  publishForCdk8sCli(OUTDIR, synthExample);
} catch (error) {
  // A refused output directory is the user's to fix, not a crash: say which and why, without a stack trace.
  if (!(error instanceof OutputDirError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
