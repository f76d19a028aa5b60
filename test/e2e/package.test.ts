/**
 * The package as a user gets it: `npm pack` (its prepack builds), installed into an empty directory offline, from
 * the tarball and the npm cache alone (the lockfile the install uses pins the versions this repository's own
 * `npm ci` cached). Then `webstack init` round trips on corpus projects: the generated project's `npm test` and
 * `npm run synth` pass, and its dist/ is byte-identical to `webstack convert` on the same inputs.
 *
 * The generated projects share the workspace's node_modules (Node and npm look in parent directories), so the
 * packages are installed once, not once per project.
 */
import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { composeArgs, corpusCases, describeCorpus, REPO_ROOT, type CorpusCase } from '../support/corpus';
import { imageArgs, suggestedFlags } from '../support/corpus-flags';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
};

/** What a generated project needs besides the package (its package.json names the same versions). */
const PROJECT_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'typescript', 'jest', 'ts-jest', '@types/jest', '@types/node', 'cdk8s-cli'];

function run(command: string, args: readonly string[], options: SpawnSyncOptions & { cwd: string }): string {
  const result = spawnSync(command, [...args], { encoding: 'utf8', timeout: 600_000, ...options, env: { ...process.env, ...options.env } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited ${result.status ?? result.signal}:\n${output.slice(-4000)}`);
  return output;
}

/**
 * A workspace whose package.json and lockfile name the tarball and the generated projects' packages, at the
 * versions (and integrity hashes) of this repository's lockfile, so `npm ci --offline` needs no registry.
 */
function offlineWorkspace(dir: string, tarball: string): void {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const versions: Record<string, string> = { ...manifest.dependencies, ...manifest.devDependencies };
  const dependencies: Record<string, string> = { [manifest.name]: `file:${tarball}`, ...Object.fromEntries(PROJECT_PACKAGES.map((name) => [name, versions[name] as string])) };
  const packages: Record<string, unknown> = { '': { name: 'workspace', version: '1.0.0', dependencies } };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '') continue;
    const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
    packages[key] = kept;
  }
  packages[`node_modules/${manifest.name}`] = {
    version: manifest.version,
    resolved: `file:${tarball}`,
    integrity: `sha512-${crypto.createHash('sha512').update(fs.readFileSync(path.join(dir, tarball))).digest('base64')}`,
    license: manifest.license,
    dependencies: manifest.dependencies,
    bin: manifest.bin,
    engines: manifest.engines,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'workspace', version: '1.0.0', private: true, dependencies }, null, 2));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'workspace', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}

/** The case's command-line inputs plus the flags the converter's own errors ask for (image pins). */
function inputFlags(c: CorpusCase): string[] {
  return [...composeArgs(c), ...imageArgs(suggestedFlags(c))];
}

/**
 * What `helm template` makes of a template written by `escapeForHelm`: the escapes are its only template actions
 * (anything else would fail here), and each renders the braces it quotes.
 */
function helmRendered(template: string): string {
  const actions = template.match(/\{\{.*?\}\}/g) ?? [];
  const unexpected = actions.filter((action) => action !== '{{ "{{" }}' && action !== '{{ "}}" }}');
  if (unexpected.length) throw new Error(`template actions other than escaped braces: ${unexpected.slice(0, 3).join(', ')}`);
  return template.replace(/\{\{ "(\{\{|\}\})" \}\}/g, '$1');
}

/** Every real corpus project whose main merge order converts, with the services the converter's errors leave out. */
function roundTripCases(): CorpusCase[] {
  return corpusCases().filter((c) => c.main && c.id.startsWith('real/') && !suggestedFlags(c).refused);
}

describe('the packed package', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-package-'));
  let tarball = '';
  const webstack = (): string => path.join(work, 'node_modules', '.bin', 'webstack');

  beforeAll(() => {
    const packed = run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO_ROOT }).trim().split('\n').pop() as string;
    tarball = packed.trim();
    offlineWorkspace(work, tarball);
    run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work });
  }, 600_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('installs offline into an empty directory, with a working webstack command and importable constructs', () => {
    expect(fs.existsSync(path.join(work, tarball))).toBe(true);
    expect(run(webstack(), ['--version'], { cwd: work }).trim()).toBe(manifest.version);
    const exported = run('node', ['-e', "const w = require('cdk8s-webstack'); console.log(['WebStack', 'Backend', 'Postgres', 'convertCompose', 'buildStack'].map((n) => typeof w[n]).join(' '))"], { cwd: work });
    expect(exported.trim()).toBe('function function function function function');
    // Only what users need is published: no tests, benchmarks or sources.
    const listed = run('tar', ['-tzf', tarball], { cwd: work });
    expect(listed).toContain('package/build/lib/index.js');
    expect(listed).toContain('package/build/bin/webstack.js');
    expect(listed).not.toMatch(/package\/(test|bench|lib)\/|\.test\.|build\/bench\//);
  });

  test('init with environments: one chart per environment in dist/NAME/, each identical to webstack convert -f base -f override', () => {
    const fixture = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'environments');
    const project = path.join(work, 'environments');
    const environments = ['staging', 'production'];
    run(webstack(), ['init', '-f', 'compose.yaml', ...environments.flatMap((e) => ['--env', `${e}=compose.${e}.yml`]), project], { cwd: fixture });
    expect(fs.readFileSync(path.join(project, 'lib', 'environments.ts'), 'utf8')).toMatch(/export interface ShopEnvironment \{[\s\S]*readonly api: Pick<WebServiceProps, [^>]*'image'[^>]*>;/);
    run('npm', ['test', '--silent'], { cwd: project });
    run('npm', ['run', 'synth', '--silent'], { cwd: project });
    const convertedOf = (environment: string): string => {
      const converted = path.join(work, `environments-${environment}`);
      run(webstack(), ['convert', '-f', 'compose.yaml', '-f', `compose.${environment}.yml`, '-o', converted, '--force'], { cwd: fixture });
      return fs.readFileSync(path.join(converted, 'shop.k8s.yaml'), 'utf8');
    };
    for (const environment of environments) {
      expect({ environment, same: fs.readFileSync(path.join(project, 'dist', environment, 'shop.k8s.yaml'), 'utf8') === convertedOf(environment) }).toEqual({ environment, same: true });
    }
    // One environment as a Helm chart: dist/ holds Chart.yaml and that environment's manifests under templates/.
    run('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--format', 'helm', '--chart-version', '2.0.0'], { cwd: project, env: { WEBSTACK_ENVIRONMENT: 'production' } });
    expect(fs.readFileSync(path.join(project, 'dist', 'Chart.yaml'), 'utf8')).toMatch(/version: "?2\.0\.0"?/);
    expect(helmRendered(fs.readFileSync(path.join(project, 'dist', 'templates', 'shop.k8s.yaml'), 'utf8'))).toBe(convertedOf('production'));
  }, 300_000);

  describeCorpus('webstack init round trip', () => {
    const cases = roundTripCases();
    test('covers at least five real projects', () => {
      expect(cases.length).toBeGreaterThanOrEqual(5);
    });

    test.each(cases.map((c) => [c.id, c] as const))('%s: the generated project tests, synthesizes, and equals webstack convert', (_id, c) => {
      const project = path.join(work, c.id.replace(/[^A-Za-z0-9]+/g, '-'));
      const converted = `${project}-convert`;
      const env = { ...c.env };
      const { services } = suggestedFlags(c);
      run(webstack(), ['init', ...inputFlags(c), ...services.flatMap((s) => ['--service', s]), project], { cwd: c.projectDir, env });
      run(webstack(), ['convert', ...inputFlags(c), '-o', converted, ...services], { cwd: c.projectDir, env });
      // What a person would write: strict types, no `any` in the stack, no reference back to the Compose files.
      const stackFile = fs.readdirSync(path.join(project, 'lib')).map((f) => fs.readFileSync(path.join(project, 'lib', f), 'utf8')).join('\n');
      expect(stackFile).not.toMatch(/:\s*any\b|\bas any\b|<any>/);
      expect(stackFile).not.toContain(c.projectDir);
      run('npm', ['test', '--silent'], { cwd: project });
      run('npm', ['run', 'synth', '--silent'], { cwd: project });
      const written = fs.readdirSync(converted).filter((f) => f.endsWith('.k8s.yaml'));
      expect(written.length).toBe(1);
      const manifests = fs.readFileSync(path.join(converted, written[0] as string), 'utf8');
      expect(fs.readFileSync(path.join(project, 'dist', written[0] as string), 'utf8')).toBe(manifests);
      // The same project as a Helm chart renders to the same manifests.
      run('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--format', 'helm', '--chart-version', '0.1.0'], { cwd: project });
      expect(fs.existsSync(path.join(project, 'dist', 'Chart.yaml'))).toBe(true);
      expect(helmRendered(fs.readFileSync(path.join(project, 'dist', 'templates', written[0] as string), 'utf8'))).toBe(manifests);
    }, 300_000);
  });
});
