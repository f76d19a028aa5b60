import * as path from 'path';
import type { Diagnostic, SourcePosition } from '../errors';
import { CONFIG_HASH_ANNOTATION, ConfigMapIndex, configMapsReadBy } from '../convert/config-hash';
import type { ServiceSource } from '../convert/convert-compose';
import { secretCommands } from '../convert/secret-commands';
import { PROP_SOURCES } from './prop-sources';
import type { ClaimSpec, ConfigMapSpec, RoleSpec, StackSpec } from '../convert/spec';
import { STORAGE } from '../defaults';
import { variation, type EnvironmentSpec, type Variation } from './environments';
import { TsCode, tsIdentifier, tsKey, tsMember, tsString, tsTypeName, tsValue } from './typescript';

/**
 * `webstack init`: a converted Compose project as a cdk8s project the team owns. The stack is TypeScript that
 * instantiates the role constructs with every value the converter derived written out as props, a comment with
 * the Compose file:line of each service, and each warning as a `// TODO(webstack):` where it applies. Nothing in
 * it reads the Compose files again. `buildStack` (lib/convert/build.ts) is the same mapping done at run time; the
 * round-trip test holds the two to byte-identical manifests.
 */

/** What the generator needs besides the spec. */
export interface InitInput {
  /** The stack as converted; with environments, the first environment's. */
  readonly spec: StackSpec;
  /**
   * `--env NAME=FILE`: each environment's spec. The project then synthesizes one directory per environment, and
   * what differs between them is typed values in `lib/environments.ts`.
   * @default - one stack, no environments
   */
  readonly environments?: readonly EnvironmentSpec[];
  /** The Compose files, as the user named them (shown in comments and the README). */
  readonly composeFiles: readonly string[];
  /** Warnings (and infos) of the conversion: each becomes a TODO at its service. */
  readonly diagnostics: readonly Diagnostic[];
  /** Where each service and each of its keys is written. */
  readonly serviceSources: Readonly<Record<string, ServiceSource>>;
  /** Directory that file positions are shown relative to (the Compose project's). */
  readonly projectDir: string;
  /** Versions for the generated package.json: this package's and its peers'. */
  readonly versions: PackageVersions;
}

/** The versions the generated project depends on: those this package was built and tested with. */
export interface PackageVersions {
  readonly webstack: string;
  readonly dependencies: Readonly<Record<'cdk8s' | 'cdk8s-plus-28' | 'constructs', string>>;
  readonly devDependencies: Readonly<Record<'typescript' | 'jest' | 'ts-jest' | '@types/jest' | '@types/node' | 'cdk8s-cli', string>>;
}

/** The generated project: relative path → file content. */
export function generateProject(input: InitInput): Map<string, string> {
  const { spec } = input;
  const names: Names = { stack: `${tsTypeName(spec.name)}Stack`, environment: `${tsTypeName(spec.name)}Environment`, stackModule: `lib/${spec.name}` };
  const environments = input.environments?.length ? { specs: input.environments, varies: variation(input.environments) } : undefined;
  return new Map([
    ['package.json', packageJson(input)],
    ['cdk8s.yaml', CDK8S_YAML],
    ['tsconfig.json', TSCONFIG],
    ['jest.config.js', JEST_CONFIG],
    ['.gitignore', GITIGNORE],
    ['main.ts', environments ? mainWithEnvironmentsTs(spec, names) : mainTs(spec, names)],
    [`${names.stackModule}.ts`, stackTs(input, names, environments?.varies)],
    ...(environments ? [['lib/environments.ts', environmentsTs(environments.specs, environments.varies, names)] as [string, string]] : []),
    ['imports/k8s.ts', IMPORTS_K8S],
    [`test/${spec.name}.test.ts`, testTs(spec, names, environments !== undefined)],
    ['README.md', readme(input)],
  ]);
}

/** The generated project's own names: the stack class, the environment type, the stack's module. */
interface Names {
  readonly stack: string;
  readonly environment: string;
  readonly stackModule: string;
}

const ROLE_CLASSES: Readonly<Record<RoleSpec['role'], string>> = {
  'web-service': 'WebService',
  backend: 'Backend',
  frontend: 'Frontend',
  worker: 'Worker',
  'celery-worker': 'CeleryWorker',
  'celery-beat': 'CeleryBeat',
  postgres: 'Postgres',
  redis: 'Redis',
  'data-service': 'DataService',
  'edge-proxy': 'EdgeProxy',
  task: 'Task',
  proxy: 'Proxy',
};

function stackTs(input: InitInput, names: Names, varies?: Variation): string {
  const { spec } = input;
  const variables = roleVariables(spec.roles);
  const roleClasses = [...new Set(spec.roles.map((r) => ROLE_CLASSES[r.role]))].sort();
  const acknowledges = spec.roles.some((r) => Object.keys(r.acknowledge ?? {}).length > 0);
  const hashed = spec.roles.some((r) => hasConfigHash(r));
  const imports = [
    `import type { Construct } from 'constructs';`,
    spec.configMaps.length || spec.claims.length ? `import * as k8s from '../imports/k8s';` : undefined,
    `import { ${[...roleClasses, 'WebStack', ...(acknowledges ? ['acknowledgeRoleCheck'] : []), ...(hashed ? ['CONFIG_HASH_ANNOTATION', 'configHash'] : [])].sort().join(', ')} } from 'cdk8s-webstack';`,
    varies ? `import type { ${names.environment} } from './environments';` : undefined,
  ].filter((line): line is string => line !== undefined);
  const projectTodos = input.diagnostics.filter((d) => !serviceOf(d, spec) && d.severity !== 'info').map((d) => `    ${todo(d, input.projectDir)}\n`);
  const referenced = referencedRoles(spec.roles);
  const hashes = configHashes(spec, variables);
  const body = [
    ...spec.configMaps.map((cm) => configMapTs(cm, varies?.configMaps.has(cm.name), hashes.contents.get(cm.name))),
    ...spec.claims.map((claim) => claimTs(claim, varies?.claims.has(claim.name))),
    ...spec.roles.map((role) => roleTs(role, variables, referenced, input, varies?.roles.get(role.props.name as string), hashes.calls.get(role.props.name as string))),
  ].join('\n');
  const stackEntries = (['namespace', 'resourceQuota'] as const)
    .filter((key) => varies?.stack.has(key) || spec[key] !== undefined)
    .map((key) => `      ${key}: ${varies?.stack.has(key) ? `environment.${key}` : tsValue(spec[key], '      ')},\n`);
  // Written as data when nothing comes from the environment (one line when short), else one entry per line.
  const stackProps = varies?.stack.size ? `{\n${stackEntries.join('')}    }` : tsValue(compactObject({ namespace: spec.namespace, resourceQuota: spec.resourceQuota }), '    ');
  const signature = varies ? `scope: Construct, id: string, environment: ${names.environment}` : `scope: Construct, id: string = ${tsString(spec.name)}`;
  const described = varies ? `, once per environment (lib/environments.ts holds what differs)` : ` in namespace ${spec.namespace}`;
  return `// Generated by \`webstack init\` from ${commentText(input.composeFiles.join(' + '))}. This is your code now: edit it freely;
// nothing reads the Compose files again. Secrets are references: the README lists the Secrets to create.
${imports.join('\n')}

/** The ${spec.name} stack: ${spec.roles.length} service(s)${described}. */
export class ${names.stack} extends WebStack {
  constructor(${signature}) {
    super(scope, id, ${stackProps});
${projectTodos.join('')}
${body}  }
}
`;
}

/** Roles another role names (dependsOn, a proxy's upstreams): only those need a variable. */
function referencedRoles(roles: readonly RoleSpec[]): Set<string> {
  return new Set(roles.flatMap((r) => [...r.dependsOn, ...(r.role === 'proxy' ? [r.backend, r.frontend] : [])]));
}

/** One variable per role, named after its service; a name taken twice gets a number. */
function roleVariables(roles: readonly RoleSpec[]): Map<string, string> {
  const taken = new Set<string>();
  const variables = new Map<string, string>();
  for (const role of roles) {
    const base = tsIdentifier(role.props.name as string);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    variables.set(role.props.name as string, name);
  }
  return variables;
}

/**
 * A ConfigMap. One a pod's config hash is computed from gets a variable for its content, so that the hash follows
 * the content when someone edits it here (Kubernetes never restarts pods when a ConfigMap they read changes).
 */
function configMapTs(cm: ConfigMapSpec, varies = false, contentVariable?: string): string {
  const id = tsString(`ConfigMap-${cm.name}`);
  const content = varies ? `environment.configMaps${tsMember(cm.name)}` : tsValue(compactObject({ data: { ...cm.data }, binaryData: cm.binaryData ? { ...cm.binaryData } : undefined }), '    ');
  if (contentVariable) return `    const ${contentVariable} = ${content};\n    new k8s.KubeConfigMap(this, ${id}, { metadata: { name: ${tsString(cm.name)} }, ...${contentVariable} });\n`;
  if (varies) return `    new k8s.KubeConfigMap(this, ${id}, { metadata: { name: ${tsString(cm.name)} }, ...${content} });\n`;
  const props = compactObject({ metadata: { name: cm.name }, data: { ...cm.data }, binaryData: cm.binaryData ? { ...cm.binaryData } : undefined });
  return `    new k8s.KubeConfigMap(this, ${id}, ${tsValue(props, '    ')});\n`;
}

function hasConfigHash(role: RoleSpec): boolean {
  return CONFIG_HASH_ANNOTATION in ((role.props as { podAnnotations?: Record<string, string> }).podAnnotations ?? {});
}

/**
 * The config hashes as code: a content variable per ConfigMap some pod's hash reads, and per role the
 * `configHash([...])` call over the ConfigMaps it reads, in the stack's order as the converter hashed them.
 */
function configHashes(spec: StackSpec, roleVariables: ReadonlyMap<string, string>): { contents: Map<string, string>; calls: Map<string, TsCode> } {
  const index = new ConfigMapIndex(spec.configMaps);
  const taken = new Set(roleVariables.values());
  const contents = new Map<string, string>();
  const calls = new Map<string, TsCode>();
  for (const role of spec.roles.filter(hasConfigHash)) {
    const read = configMapsReadBy(role, index).map((cm) => {
      if (!contents.has(cm.name)) {
        let variable = `${tsIdentifier(cm.name)}Content`;
        for (let i = 2; taken.has(variable); i++) variable = `${tsIdentifier(cm.name)}Content${i}`;
        taken.add(variable);
        contents.set(cm.name, variable);
      }
      return `{ name: ${tsString(cm.name)}, ...${contents.get(cm.name)} }`;
    });
    calls.set(role.props.name as string, new TsCode(`configHash([${read.join(', ')}])`));
  }
  return { contents, calls };
}

function claimTs(claim: ClaimSpec, varies = false): string {
  const values = `environment.claims${tsMember(claim.name)}`;
  const accessMode = varies ? `${values}.accessMode ?? ${tsString(STORAGE.accessMode)}` : tsString(claim.accessMode ?? STORAGE.accessMode);
  const storageClass = varies ? `        storageClassName: ${values}.storageClassName,\n` : claim.storageClassName ? `        storageClassName: ${tsString(claim.storageClassName)},\n` : '';
  const size = varies ? `${values}.size` : tsString(claim.size);
  return `    new k8s.KubePersistentVolumeClaim(this, ${tsString(`Claim-${claim.name}`)}, {
      metadata: { name: ${tsString(claim.name)} },
      spec: {
        accessModes: [${accessMode}],
${storageClass}        resources: { requests: { storage: k8s.Quantity.fromString(${size}) } },
      },
    });
`;
}

/** A role's construct; `varying` names the props that differ between environments (they come from `environment`). */
function roleTs(role: RoleSpec, variables: ReadonlyMap<string, string>, referenced: ReadonlySet<string>, input: InitInput, varying?: ReadonlySet<string>, hashCall?: TsCode): string {
  const name = role.props.name as string;
  const variable = variables.get(name) as string;
  const acknowledged = Object.keys(role.acknowledge ?? {}).length > 0;
  const declaration = referenced.has(name) || acknowledged ? `const ${variable} = ` : '';
  const source = input.serviceSources[role.service];
  const where = source?.pos;
  const references = (names: readonly string[]): string => `[${names.map((n) => variables.get(n)).filter(Boolean).join(', ')}]`;
  const tail = [
    // What differs between environments comes last, so it is plain to see (and to move) what is per environment.
    ...(varying ? [`      ...environment.roles${tsMember(name)},\n`] : []),
    ...(role.role === 'proxy' ? [`      backend: ${variables.get(role.backend)},\n`, `      frontend: ${variables.get(role.frontend)},\n`] : []),
    ...(role.dependsOn.length ? [`      dependsOn: ${references(role.dependsOn)},\n`] : []),
  ];
  // The name and image first, as a person would write them; the order of props changes nothing in the output.
  const { name: _name, image, ...rest } = role.props as Record<string, unknown>;
  if (hashCall && !varying?.has('podAnnotations')) rest.podAnnotations = podAnnotationsWithHash(rest.podAnnotations as Record<string, string>, hashCall);
  const shared = Object.entries({ name, image, ...rest }).filter(([key, value]) => value !== undefined && !varying?.has(key));
  // One line per prop, its first line saying which Compose key it came from (a role default says nothing).
  const entries = shared.map(([key, value]) => {
    const from = (PROP_SOURCES[key] ?? []).find((composeKey) => source?.keys[composeKey]);
    const note = from && source ? `// ${from === key ? '' : `${from}, `}${shown(source.keys[from] as SourcePosition, input.projectDir)}` : '';
    const text = `      ${tsKey(key)}: ${tsValue(value, '      ')},`;
    if (!note) return text;
    // A multi-line string is a template literal: its first line break is inside the value, so the note goes above.
    if (typeof value === 'string' && value.includes('\n')) return `      ${note}\n${text}`;
    return text.replace(/\n|$/, (end) => ` ${note}${end}`);
  });
  const props = `{\n${entries.map((e) => `${e}\n`).join('')}${tail.join('')}    }`;
  const todos = input.diagnostics.filter((d) => serviceOf(d, input.spec) === role.service && d.severity !== 'info').map((d) => `    ${todo(d, input.projectDir)}\n`);
  const acknowledgements = Object.entries(role.acknowledge ?? {}).map(([code, reason]) => `    acknowledgeRoleCheck(${variable}, ${tsString(code)}, ${tsString(reason)});\n`);
  return [
    `    // ${commentText(role.service)}${where ? `, ${shown(where, input.projectDir)}` : ''}: the ${role.role} role\n`,
    ...todos,
    `    ${declaration}new ${ROLE_CLASSES[role.role]}(this, ${tsString(name)}, ${props});\n`,
    ...acknowledgements,
  ].join('');
}

/** The pod annotations with the config hash computed in code instead of written as a literal. */
function podAnnotationsWithHash(annotations: Readonly<Record<string, string>>, hashCall: TsCode): TsCode {
  const others = Object.entries(annotations).filter(([key]) => key !== CONFIG_HASH_ANNOTATION);
  const lines = [...others.map(([key, value]) => `        ${tsKey(key)}: ${tsString(value)},\n`), `        [CONFIG_HASH_ANNOTATION]: ${hashCall.code},\n`];
  return new TsCode(`{\n${lines.join('')}      }`);
}

/** The service a diagnostic is about, from its path (`services.<name>...`). */
function serviceOf(d: Diagnostic, spec: StackSpec): string | undefined {
  const match = /^services\.([^.]+)/.exec(d.path ?? '');
  return match && spec.roles.some((r) => r.service === match[1]) ? match[1] : undefined;
}

function todo(d: Diagnostic, projectDir: string): string {
  const at = d.pos ? ` (${shown(d.pos, projectDir)})` : '';
  return `// ${commentText(`TODO(webstack): ${d.severity}[${d.code}]${at}: ${d.message}${d.fix ? `. Fix: ${d.fix}` : ''}`)}`;
}

function shown(pos: SourcePosition, projectDir: string): string {
  return commentText(`${path.relative(projectDir, pos.file) || pos.file}:${pos.line}`);
}

/**
 * Text that goes into a `//` comment. JavaScript ends a line comment at any line terminator, so one in a file name
 * or a message (a project's own files choose both) would turn the rest of that text into code.
 */
function commentText(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

function compactObject<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function mainTs(spec: StackSpec, names: Names): string {
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

function mainWithEnvironmentsTs(spec: StackSpec, names: Names): string {
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

/**
 * \`lib/environments.ts\`: the type of what differs between the environments, built from the role constructs' own
 * props types, and each environment's values. One place to read and change per-environment settings.
 */
function environmentsTs(environments: readonly EnvironmentSpec[], varies: Variation, names: Names): string {
  const [first] = environments;
  if (!first) throw new Error('environmentsTs needs an environment');
  const roleOf = (name: string): RoleSpec => first.spec.roles.find((r) => r.props.name === name) as RoleSpec;
  const propsTypes = [...new Set([...varies.roles.keys()].map((name) => `${ROLE_CLASSES[roleOf(name).role]}Props`))].sort();
  const fields = [
    ...[...varies.stack].map((key) => (key === 'namespace' ? '  readonly namespace: string;\n' : '  readonly resourceQuota?: Readonly<Record<string, string>>;\n')),
    ...(varies.configMaps.size ? [`  readonly configMaps: {\n${[...varies.configMaps].map((n) => `    readonly ${tsKey(n)}: ConfigMapValues;\n`).join('')}  };\n`] : []),
    ...(varies.claims.size ? [`  readonly claims: {\n${[...varies.claims].map((n) => `    readonly ${tsKey(n)}: ClaimValues;\n`).join('')}  };\n`] : []),
    ...(varies.roles.size
      ? [`  readonly roles: {\n${[...varies.roles].map(([n, keys]) => `    readonly ${tsKey(n)}: Pick<${ROLE_CLASSES[roleOf(n).role]}Props, ${[...keys].sort().map((k) => tsString(k)).join(' | ')}>;\n`).join('')}  };\n`]
      : []),
  ];
  const valuesOf = (e: EnvironmentSpec): Record<string, unknown> =>
    compactObject({
      namespace: varies.stack.has('namespace') ? e.spec.namespace : undefined,
      resourceQuota: varies.stack.has('resourceQuota') ? e.spec.resourceQuota : undefined,
      configMaps: varies.configMaps.size ? Object.fromEntries(e.spec.configMaps.filter((cm) => varies.configMaps.has(cm.name)).map((cm) => [cm.name, compactObject({ data: cm.data, binaryData: cm.binaryData })])) : undefined,
      claims: varies.claims.size ? Object.fromEntries(e.spec.claims.filter((c) => varies.claims.has(c.name)).map((c) => [c.name, compactObject({ size: c.size, storageClassName: c.storageClassName, accessMode: c.accessMode })])) : undefined,
      roles: varies.roles.size
        ? Object.fromEntries(
            [...varies.roles].map(([n, keys]) => {
              const props = (e.spec.roles.find((r) => r.props.name === n)?.props ?? {}) as Record<string, unknown>;
              return [n, compactObject(Object.fromEntries([...keys].sort().map((k) => [k, props[k]])))];
            }),
          )
        : undefined,
    });
  const helperTypes = [
    varies.configMaps.size ? '\n/** A ConfigMap\'s content in one environment. */\ninterface ConfigMapValues {\n  readonly data: Readonly<Record<string, string>>;\n  readonly binaryData?: Readonly<Record<string, string>>;\n}\n' : '',
    varies.claims.size ? "\n/** A volume claim's size and class in one environment. */\ninterface ClaimValues {\n  readonly size: string;\n  readonly storageClassName?: string;\n  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteMany';\n}\n" : '',
  ].join('');
  const environmentNames = environments.map((e) => tsString(e.name)).join(' | ');
  return `// Generated by \`webstack init\`: what differs between the environments (${environments.map((e) => e.name).join(', ')}), in one place.
// Everything else is the same code in ${names.stackModule}.ts. Add a field here to make another setting per environment.
${propsTypes.length ? `import type { ${propsTypes.join(', ')} } from 'cdk8s-webstack';\n` : ''}
/** The settings that differ between environments. */
export interface ${names.environment} {
${fields.join('')}}
${helperTypes}
/** Each environment's settings; each one is synthesized into dist/<name>/. */
export const ENVIRONMENTS: Readonly<Record<${environmentNames}, ${names.environment}>> = ${tsValue(Object.fromEntries(environments.map((e) => [e.name, valuesOf(e)])))};
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

/** The generated test: snapshot, policy and secret-shape tests of the stack, once per environment when there are any. */
function testTs(spec: StackSpec, names: Names, withEnvironments: boolean): string {
  const tests = `const stack = () => new ${names.stack}(Testing.app(), ${tsString(spec.name)}${withEnvironments ? ', environment' : ''});

test('the manifests are as reviewed (update with npx jest -u after a deliberate change)', () => {
  expect(Testing.synth(stack())).toMatchSnapshot();
});

test('every pod passes Pod Security restricted and the hygiene checks', () => {
  expect(findPolicyViolations(stack())).toEqual([]);
});

test('no secret is written: no Secret objects, and credential-named variables are references', () => {
  expect(literalCredentials(Testing.synth(stack()))).toEqual([]);
});
`;
  const body = withEnvironments ? `describe.each(Object.entries(ENVIRONMENTS))('%s', (_name, environment) => {\n${tests.replace(/^(?=.)/gm, '  ')}});\n` : tests;
  return `import { Testing } from 'cdk8s';
import { findPolicyViolations } from 'cdk8s-webstack';
${withEnvironments ? "import { ENVIRONMENTS } from '../lib/environments';\n" : ''}import { ${names.stack} } from '../${names.stackModule}';

${body}
${SECRET_SHAPE_TEST}`;
}

function packageJson(input: InitInput): string {
  const { spec, versions } = input;
  const manifest = {
    name: `${spec.name}-k8s`,
    version: '0.1.0',
    private: true,
    description: `Kubernetes manifests for the ${spec.name} stack, as a cdk8s project (seeded by webstack init)`,
    scripts: {
      build: 'tsc',
      synth: 'tsc && cdk8s synth --no-check-upgrade',
      // Without --ci the first run records the snapshot; commit it, and later runs compare against it.
      test: 'tsc --noEmit && jest',
    },
    dependencies: { 'cdk8s-webstack': `^${versions.webstack}`, ...versions.dependencies },
    devDependencies: { ...versions.devDependencies },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const CDK8S_YAML = `language: typescript
# npm run synth compiles first; main.ts writes dist/ itself (atomically) and gives cdk8s synth a copy here.
app: node build/main.js
output: .cdk8s.out
`;

const TSCONFIG = `${JSON.stringify(
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

const JEST_CONFIG = `module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
};
`;

const GITIGNORE = `node_modules/
build/
.cdk8s.out/
.dist-*/
`;

const IMPORTS_K8S = `// The Kubernetes 1.28 API as typed classes: the bindings cdk8s-plus-28 ships (\`cdk8s import k8s\` needs the internet).
export * from 'cdk8s-plus-28/lib/imports/k8s';
`;

function readme(input: InitInput): string {
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

\`\`\`sh
npm install && npm run synth   # compile and write ${outputs}
npm install && npm test        # type-check, snapshot, every pod restricted, no literal secrets
\`\`\`

The first \`npm test\` records the snapshot of the manifests in \`test/__snapshots__/\`: commit it. Where \`CI\` is set, jest
never writes snapshots, so a CI run then compares against the committed one.

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
