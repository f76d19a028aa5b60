// Composition root: synthesizes the example stack into dist/ atomically. Run via `npm run synth` (cdk8s synth).
import { App } from 'cdk8s';
import { defineExampleStack } from './lib/example';
import { publishAtomically } from './lib/synth';

/** Published output, relative to the working directory (the project root under `cdk8s synth`). */
const OUTDIR = 'dist';

publishAtomically(
  OUTDIR,
  (staging) => {
    const app = new App({ outdir: staging });
    defineExampleStack(app);
    app.synth();
  },
  // The CLI lists (and would validate) its own output directory after the app exits: give it a copy.
  { mirrorDir: process.env.CDK8S_OUTDIR },
);
