import { secretCommands } from '../convert/secret-commands';
import type { StackSpec } from '../convert/spec';
import type { InitInput, Names } from './model';
import { tsString } from './typescript';

// The generated project's files besides its stack and environments: composition root, test, configuration, README.

export function mainTs(spec: StackSpec, names: Names): string {
  return `// Composition root: \`npm run synth\` (cdk8s synth) runs it and writes dist/ atomically: a failed synth keeps the last good
// dist/. \`npx cdk8s synth --format helm --chart-version 1.0.0\` (after \`npm run build\`) makes dist/ a Helm chart instead.
import { App } from 'cdk8s';
import { OutputDirError, publishForCdk8sCli, writeManifests } from 'cdk8s-webstack';
import { ${names.stack} } from './${names.stackModule}';

try {
  publishForCdk8sCli('dist', (dir) => writeManifests(new ${names.stack}(new App({ outdir: dir }), ${tsString(spec.name)}), dir));
} catch (error) {
  if (!(error instanceof OutputDirError)) throw error;
  process.stderr.write(\`error: \${error.message}\\n\`);
  process.exitCode = 1;
}
`;
}

export function mainWithEnvironmentsTs(spec: StackSpec, names: Names): string {
  return `// Composition root: \`npm run synth\` (cdk8s synth) runs it and writes dist/<environment>/ for every environment, atomically:
// a failed synth keeps the last good dist/. WEBSTACK_ENVIRONMENT=<name> writes that one environment into dist/ itself,
// e.g. for a Helm chart: WEBSTACK_ENVIRONMENT=production npx cdk8s synth --format helm --chart-version 1.0.0
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { OutputDirError, publishForCdk8sCli, writeManifests } from 'cdk8s-webstack';
import { ENVIRONMENTS, type ${names.environment} } from './lib/environments';
import { ${names.stack} } from './${names.stackModule}';

function write(dir: string, environment: ${names.environment}): void {
  writeManifests(new ${names.stack}(new App({ outdir: dir }), ${tsString(spec.name)}, environment), dir);
}

try {
  const selected = process.env.WEBSTACK_ENVIRONMENT;
  const chosen = Object.entries(ENVIRONMENTS).find(([name]) => name === selected)?.[1];
  if (selected !== undefined && chosen === undefined) throw new Error(\`WEBSTACK_ENVIRONMENT=\${selected} names no environment; the environments are \${Object.keys(ENVIRONMENTS).join(', ')}\`);
  publishForCdk8sCli('dist', (dir) => {
    if (chosen) return write(dir, chosen);
    for (const [name, environment] of Object.entries(ENVIRONMENTS)) {
      fs.mkdirSync(path.join(dir, name));
      write(path.join(dir, name), environment);
    }
  });
} catch (error) {
  if (!(error instanceof OutputDirError)) throw error;
  process.stderr.write(\`error: \${error.message}\\n\`);
  process.exitCode = 1;
}
`;
}

const SECRET_SHAPE_TEST = `// The values themselves are not in this project, so this checks the shape: credentials come from Secrets.
function literalCredentials(objects: any[]): unknown[] {
  expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  return objects.flatMap((o) => containersOf(o)).flatMap((c: any) => c.env ?? []).filter((e: any) => /PASSWORD|SECRET|TOKEN|PRIVATE_KEY/i.test(e.name) && !/_FILE$/.test(e.name) && e.value !== undefined && !/^\\$\\(/.test(e.value));
}

function containersOf(object: any): any[] {
  const pod = object.spec?.template?.spec ?? object.spec?.jobTemplate?.spec?.template?.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}
`;

/**
 * The generated test: the manifests against the reviewed copies `init` wrote into test/manifests/ (what
 * \`webstack convert\` gives, so the project starts green), every pod restricted, and credentials only as references;
 * once per environment when there are any. A missing reviewed copy fails, in CI and out of it.
 */
export function testTs(spec: StackSpec, names: Names, withEnvironments: boolean): string {
  const reviewed = withEnvironments ? `path.join(__dirname, 'manifests', name, manifestFileName(${tsString(spec.name)}))` : `path.join(__dirname, 'manifests', manifestFileName(${tsString(spec.name)}))`;
  const tests = `const stack = () => new ${names.stack}(Testing.app(), ${tsString(spec.name)}${withEnvironments ? ', environment' : ''});

// After a deliberate change: UPDATE_MANIFESTS=1 npm test rewrites the reviewed copy; review its diff, then commit it.
test('the manifests are as reviewed', () => {
  const file = ${reviewed};
  const manifests = manifestsYaml(stack());
  if (process.env.UPDATE_MANIFESTS) fs.writeFileSync(file, manifests);
  expect(manifests).toBe(fs.readFileSync(file, 'utf8'));
});

test('every pod passes Pod Security restricted and the hygiene checks', () => {
  expect(findPolicyViolations(stack())).toEqual([]);
});

test('no secret is written: no Secret objects, and credential-named variables are references', () => {
  expect(literalCredentials(Testing.synth(stack()))).toEqual([]);
});
`;
  const body = withEnvironments ? `describe.each(Object.entries(ENVIRONMENTS))('%s', (name, environment) => {\n${tests.replace(/^(?=.)/gm, '  ')}});\n` : tests;
  return `import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { findPolicyViolations, manifestFileName, manifestsYaml } from 'cdk8s-webstack';
${withEnvironments ? "import { ENVIRONMENTS } from '../lib/environments';\n" : ''}import { ${names.stack} } from '../${names.stackModule}';

${body}
${SECRET_SHAPE_TEST}`;
}

export function packageJson(input: InitInput): string {
  const { spec, versions } = input;
  const manifest = {
    name: `${spec.name}-k8s`,
    version: '0.1.0',
    private: true,
    description: `Kubernetes manifests for the ${spec.name} stack, as a cdk8s project (seeded by webstack init)`,
    scripts: {
      build: 'tsc',
      synth: 'tsc && cdk8s synth --no-check-upgrade',
      test: 'tsc --noEmit && jest --ci',
    },
    dependencies: { 'cdk8s-webstack': `^${versions.webstack}`, ...versions.dependencies },
    devDependencies: { ...versions.devDependencies },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export const CDK8S_YAML = `language: typescript
# npm run synth compiles first; main.ts writes dist/ itself (atomically) and gives cdk8s synth a copy here.
app: node build/main.js
output: .cdk8s.out
`;

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      outDir: 'build',
      rootDir: '.',
      strict: true,
      noImplicitReturns: true,
      noUnusedLocals: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node', 'jest'],
    },
    include: ['main.ts', 'lib/**/*.ts', 'imports/**/*.ts', 'test/**/*.ts'],
  },
  null,
  2,
)}\n`;

export const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
};
`;

export const GITIGNORE = `node_modules/
build/
.cdk8s.out/
.dist-*/
`;

export const IMPORTS_K8S = `// The Kubernetes 1.28 API as typed classes: the bindings cdk8s-plus-28 ships (\`cdk8s import k8s\` needs the internet).
export * from 'cdk8s-plus-28/lib/imports/k8s';
`;

export function readme(input: InitInput): string {
  const { spec } = input;
  const environments = input.environments ?? [];
  const secretsOf = (e: { readonly spec: StackSpec }): string[] => secretCommands(e.spec.secrets, e.spec.namespace);
  const commands = environments.length ? environments.flatMap((e) => (secretsOf(e).length ? [`# ${e.name}`, ...secretsOf(e)] : [])) : secretsOf(input);
  const outputs = environments.length ? environments.map((e) => `dist/${e.name}/${spec.name}.k8s.yaml`).join(', ') : `dist/${spec.name}.k8s.yaml`;
  return `# ${spec.name} on Kubernetes

A [cdk8s](https://cdk8s.io) project seeded by \`webstack init\` from ${input.composeFiles.map((f) => `\`${f}\``).join(' + ')}: the stack is
TypeScript in [\`lib/${spec.name}.ts\`](lib/${spec.name}.ts), built from the typed role constructs of
[cdk8s-webstack](https://www.npmjs.com/package/cdk8s-webstack). It is yours: edit it, review it, keep it in version control.
Lines marked \`TODO(webstack)\` are the converter's warnings, at the place to act.
${
  environments.length
    ? `
Environments: ${environments.map((e) => `\`${e.name}\``).join(', ')}. What differs between them is typed values in
[\`lib/environments.ts\`](lib/environments.ts); each is synthesized into its own directory under \`dist/\`.
`
    : ''
}
## Two commands

Until cdk8s-webstack is on the npm registry, install it once from its tarball (\`npm pack\` in its repository):
\`npm install /path/to/cdk8s-webstack-${input.versions.webstack}.tgz\`.

\`\`\`sh
npm install && npm run synth   # compile and write ${outputs}
npm install && npm test        # type-check, snapshot, every pod restricted, no literal secrets
\`\`\`

\`npm test\` compares the manifests with the reviewed copies in \`test/manifests/\` (written by \`webstack init\`). After a
deliberate change, \`UPDATE_MANIFESTS=1 npm test\` rewrites them: review the diff and commit it.

## Apply

\`\`\`sh
kubectl apply -f ${environments.length ? `dist/${environments[0]?.name}/` : 'dist/'}
\`\`\`
${
  commands.length
    ? `
The manifests reference these Secrets and never hold their values. Create them first (the values come from your
own environment or files, never from this project):

\`\`\`sh
${commands.join('\n')}
\`\`\`
`
    : ''
}`;
}
