#!/usr/bin/env -S node --
// The `webstack` command (package.json "bin"); all behaviour lives in lib/cli so tests can run it in-process.
import { run } from '../lib/cli/main';

process.exitCode = run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
