import * as fs from 'fs';
import * as path from 'path';
import * as manifest from '../../package.json';
import { generateProject, type PackageVersions } from '../init/generate';
import { publishAtomically } from '../synth';
import type { InitArgs } from './args';
import { convertForCli, outputRefusal, protectingInputs, renderOrRefuse, type CliConversion } from './convert';
import type { Diagnostic } from '../errors';
import { EnvironmentMismatch } from '../init/environments';
import { OutputDirError } from '../output-dir';
import { EXIT, type CliIo } from './io';

/**
 * `webstack init`: converts as `convert` does, checks that the stack builds (a role construct that refuses its
 * props is reported here, not at the team's first synth), then writes the project directory atomically. The
 * directory must be absent or empty: it will hold code people edit, so it is replaced only with --force, and it
 * gets no output marker (which would let a later `webstack convert -o` replace it).
 */
export function runInit(args: InitArgs, io: CliIo): number {
  const target = path.resolve(io.cwd, args.dir);
  const rules = protectingInputs({ ...args, files: [...args.files, ...args.environments.map((e) => e.file)] }, io);
  const refusal = outputRefusal(() => refuseNonEmpty(target, args.force), io);
  if (refusal !== undefined) return refusal;
  // Without --env, one conversion; with it, one per environment: the files merged with that environment's override.
  const runs = args.environments.length ? args.environments.map((e) => ({ name: e.name, files: [...args.files, e.file] })) : [{ name: undefined, files: [...args.files] }];
  const conversions: { name?: string; converted: CliConversion & { ok: true }; manifests: { fileName: string; text: string } }[] = [];
  for (const { name, files } of runs) {
    if (name !== undefined) io.stderr(`webstack: environment ${name} (${files.join(' + ')})`);
    const converted = convertForCli({ ...args, files }, io);
    if (!converted.ok) return EXIT.inputError;
    const rendered = renderOrRefuse(converted, args, io);
    if (typeof rendered === 'number') return rendered;
    conversions.push({ name, converted, manifests: rendered });
  }
  const [first] = conversions;
  if (!first) return EXIT.inputError;
  const inputs = args.files.map((f) => path.resolve(io.cwd, f));
  // Positions are shown relative to the Compose project, as a reader of the generated code knows it.
  const projectDir = inputs[0] ? path.dirname(inputs[0]) : io.cwd;
  let files: Map<string, string>;
  try {
    files = generateProject({
      spec: first.converted.result.spec,
      environments: args.environments.length ? conversions.map((c) => ({ name: c.name as string, spec: c.converted.result.spec })) : undefined,
      composeFiles: inputs.length ? inputs.map((f) => path.relative(projectDir, f)) : ['the Compose files found in the working directory'],
      // The TODO comments quote diagnostics, which may quote values: redacted as the terminal output is.
      diagnostics: distinct(conversions.flatMap((c) => c.converted.result.diagnostics.map((d) => redacted(d, c.converted.result.redact)))),
      serviceSources: first.converted.result.serviceSources,
      projectDir,
      versions: packageVersions(),
      manifests: Object.fromEntries(conversions.map((c) => [c.name === undefined ? c.manifests.fileName : `${c.name}/${c.manifests.fileName}`, c.manifests.text])),
    });
  } catch (error) {
    if (!(error instanceof EnvironmentMismatch)) throw error;
    io.stderr(`webstack: ${error.message}\nwebstack: nothing was written`);
    return EXIT.inputError;
  }
  const write = (staging: string): void => {
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.writeFileSync(path.join(staging, file), text);
    }
  };
  const written = outputRefusal(() => publishAtomically(target, write, { rules: { ...rules, force: true }, marker: false }), io);
  if (written !== undefined) return written;
  const warnings = conversions.reduce((sum, c) => sum + c.converted.warnings, 0);
  io.stderr(`webstack: created ${args.dir}/ (${files.size} files, ${first.converted.result.spec.roles.length} service(s), ${warnings} warning(s) as TODO(webstack) comments)`);
  io.stderr(`Next: cd ${args.dir} && npm install && npm test && npm run synth`);
  return EXIT.ok;
}

function redacted(d: Diagnostic, redact: (text: string) => string): Diagnostic {
  return { ...d, message: redact(d.message), fix: d.fix === undefined ? undefined : redact(d.fix), value: d.value === undefined ? undefined : redact(d.value) };
}

/** The diagnostics of several environments' conversions, each once (most are the same in every environment). */
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.path, d.message, d.pos]);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** A project directory must be new or empty unless --force: it is about to hold code, maybe someone's edits. */
function refuseNonEmpty(target: string, force: boolean): void {
  if (force || !fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory()) throw new OutputDirError(target, `refusing to create a project at ${target}: it is a file`);
  const entries = fs.readdirSync(target);
  if (entries.length > 0) {
    throw new OutputDirError(target, `refusing to create a project in ${target}: it holds ${entries.length} file(s), e.g. ${entries.sort().slice(0, 3).join(', ')}; name a new directory, or pass --force to replace it`);
  }
}

/** The versions this package was built with: the generated project depends on exactly what was tested together. */
function packageVersions(): PackageVersions {
  const dependencies = manifest.dependencies as Record<string, string>;
  const devDependencies = manifest.devDependencies as Record<string, string>;
  const pick = <K extends string>(from: Record<string, string>, names: readonly K[]): Record<K, string> => Object.fromEntries(names.map((n) => [n, from[n] as string])) as Record<K, string>;
  return {
    webstack: manifest.version,
    dependencies: pick(dependencies, ['cdk8s', 'cdk8s-plus-28', 'constructs'] as const),
    devDependencies: pick(devDependencies, ['typescript', 'jest', 'ts-jest', '@types/jest', '@types/node', 'cdk8s-cli'] as const),
  };
}
