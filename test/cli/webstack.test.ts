import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';
import { OUTPUT_MARKER } from '../../lib/output-dir';
import { runCli, type CliRun } from '../support/cli';
import { treeOf } from '../support/tree';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function webstack(...argv: string[]): CliRun {
  return runCli(argv, dir);
}

const GOOD = `services:
  api:
    image: ghcr.io/acme/api:1.4.2
    user: "10001:10001"
    expose: [8000]
    environment:
      SECRET_KEY: do-not-print-me-123
`;
const BAD = `services:
  api:
    image: ghcr.io/acme/api:latest
    user: "10001:10001"
    expose: [8000]
`;
const WARNS = `${GOOD}    stop_signal: SIGINT
`;

function write(name: string, content: string): string {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
}

describe('webstack CLI', () => {
  test('--help and --version exit 0', () => {
    expect(webstack('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('webstack convert') });
    expect(webstack('convert', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('--image SVC=REF') });
    expect(webstack('--version')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  test('usage mistakes exit 1 with the usage', () => {
    expect(webstack('convert', '--nope')).toMatchObject({ code: 1, stderr: expect.stringContaining('Usage: webstack convert') });
    expect(webstack('deploy')).toMatchObject({ code: 1 });
    expect(webstack('convert', '--image', 'no-equals-sign')).toMatchObject({ code: 1 });
  });

  test('writes the manifests to -o and lists the Secrets to create, without their values', () => {
    write('compose.yaml', GOOD);
    const ran = webstack('convert', '-f', 'compose.yaml', '-o', 'out', '--namespace', 'shop');
    expect(ran.code).toBe(0);
    const [file, ...others] = fs.readdirSync(path.join(dir, 'out')).filter((f) => f !== OUTPUT_MARKER);
    expect([file, others]).toEqual([expect.stringMatching(/\.k8s\.yaml$/), []]);
    const manifest = fs.readFileSync(path.join(dir, 'out', file as string), 'utf8');
    expect(manifest).toContain('namespace: shop');
    expect(ran.stderr).toContain('kubectl -n shop create secret generic api-env');
    expect(ran.stderr).toContain('webstack: 1 service(s): web-service');
    expect(manifest + ran.stderr + ran.stdout).not.toContain('do-not-print-me-123');
  });

  test('--stdout prints YAML; --format json prints a v1 List', () => {
    write('compose.yaml', GOOD);
    expect(webstack('convert', '--stdout').stdout).toMatch(/^apiVersion: v1\nkind: Namespace/);
    const list = JSON.parse(webstack('convert', '--stdout', '--format', 'json').stdout) as { kind: string; items: { kind: string }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.kind)).toContain('Deployment');
  });

  test('input errors exit 1 with file:line:column, the source line and a caret', () => {
    write('compose.yaml', BAD);
    const ran = webstack('convert', '--stdout');
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(`${path.join(dir, 'compose.yaml')}:3:5: error[image-latest]`);
    expect(ran.stderr).toContain('  3 |     image: ghcr.io/acme/api:latest\n    |     ^');
  });

  test('a failing convert leaves the previous output directory untouched', () => {
    write('compose.yaml', GOOD);
    expect(webstack('convert', '-o', 'dist').code).toBe(0);
    const before = fs.readdirSync(path.join(dir, 'dist')).map((f) => [f, fs.readFileSync(path.join(dir, 'dist', f), 'utf8')]);
    write('compose.yaml', BAD);
    expect(webstack('convert', '-o', 'dist').code).toBe(1);
    expect(fs.readdirSync(path.join(dir, 'dist')).map((f) => [f, fs.readFileSync(path.join(dir, 'dist', f), 'utf8')])).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['compose.yaml', 'dist']);
  });

  test('--strict turns warnings into a failure; without it they are printed and the run succeeds', () => {
    write('compose.yaml', WARNS);
    expect(webstack('convert', '--stdout')).toMatchObject({ code: 0, stderr: expect.stringContaining('warning[stop-signal-ignored]') });
    expect(webstack('convert', '--stdout', '--strict')).toMatchObject({ code: 1, stdout: '' });
  });

  test('--verbose also prints the infos (role decisions)', () => {
    write('compose.yaml', GOOD);
    expect(webstack('convert', '--stdout').stderr).not.toContain('info[role-detected]');
    expect(webstack('convert', '--stdout', '-v').stderr).toContain('info[role-detected]');
  });

  test('--image resolves a build-only service', () => {
    write('compose.yaml', 'services:\n  api:\n    build: .\n    user: "1:1"\n    expose: [8000]\n');
    expect(webstack('convert', '--stdout').code).toBe(1);
    expect(webstack('convert', '--stdout', '--image', 'api=ghcr.io/acme/api:1.0.0').stdout).toContain('image: ghcr.io/acme/api:1.0.0');
  });

  test('--rwx-storage-class turns a volume shared by two services into one ReadWriteMany claim of that class', () => {
    write('compose.yaml', 'services:\n  a: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }\n  b: { image: "busybox:1.36", user: "1:1", volumes: [media:/m] }\nvolumes: { media: {} }\n');
    const colocated = webstack('convert', '--stdout');
    expect(colocated).toMatchObject({ code: 0, stderr: expect.stringContaining(`${path.join(dir, 'compose.yaml')}:2:54: warning[volume-shared]`) });
    expect(colocated.stderr).toContain('--rwx-storage-class');
    expect(colocated.stdout).toMatch(/podAffinity:\n\s+requiredDuringSchedulingIgnoredDuringExecution:\n\s+- labelSelector:\n\s+matchLabels:\n\s+claim.webstack.io\/media: mounted\n\s+topologyKey: kubernetes.io\/hostname/);
    const shared = webstack('convert', '--stdout', '--rwx-storage-class', 'nfs-rwx');
    expect(shared).toMatchObject({ code: 0, stderr: expect.stringContaining(':2:54: warning[volume-shared-rwx]') });
    expect(shared.stderr).toMatch(/\.\.\. and 1 more warning\[volume-shared-rwx\] at \S+compose\.yaml:3:54 \(-v lists them all\)/);
    expect(shared.stdout).toMatch(/kind: PersistentVolumeClaim[\s\S]*- ReadWriteMany[\s\S]*storageClassName: nfs-rwx/);
    expect(webstack('convert', '--help').stdout).toContain('--rwx-storage-class NAME');
  });

  test('an internal failure exits 2', () => {
    write('compose.yaml', GOOD);
    const io: CliIo = { cwd: dir, env: {}, stdout: () => { throw new Error('EPIPE'); }, stderr: () => undefined };
    expect(run(['convert', '--stdout'], io)).toBe(2);
  });

  describe('output directory', () => {
    function refusedUntouched(...argv: string[]): string {
      const before = treeOf(dir);
      const ran = webstack('convert', ...argv);
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain('error[output-dir]');
      expect(ran.stderr).toContain('nothing was written');
      expect(treeOf(dir)).toEqual(before);
      return ran.stderr;
    }

    beforeEach(() => {
      write('compose.yaml', GOOD);
      fs.mkdirSync(path.join(dir, '.git'));
      write('.git/HEAD', 'ref: refs/heads/main');
      write('app.py', 'print(1)');
    });

    test('-o . (the working directory and project) is refused, even with --force', () => {
      expect(refusedUntouched('-o', '.')).toContain('the working directory');
      refusedUntouched('-o', '.', '--force');
    });

    test('-o naming an input file, or a directory holding one, is refused', () => {
      expect(refusedUntouched('-f', 'compose.yaml', '-o', 'compose.yaml', '--force')).toMatch(/is (an input|the working directory)|it is a file/);
      fs.mkdirSync(path.join(dir, 'sub'));
      write('sub/compose.yaml', GOOD);
      expect(refusedUntouched('-f', 'sub/compose.yaml', '-o', 'sub', '--force')).toContain('input of this run');
      refusedUntouched('-o', '..', '--force');
      refusedUntouched('-o', '/');
    });

    test('-o naming a file is refused; so is a path under a file', () => {
      write('notes.txt', 'mine');
      expect(refusedUntouched('-o', 'notes.txt')).toContain('it is a file');
      expect(refusedUntouched('-o', 'notes.txt/x')).toContain('is not a directory');
      expect(refusedUntouched('-o', '/proc/x')).toContain('kernel filesystem');
    });

    test('a directory of unrelated files (an SPA build in dist/) needs --force', () => {
      fs.mkdirSync(path.join(dir, 'dist'));
      write('dist/index.html', '<html>');
      expect(refusedUntouched('-o', 'dist')).toContain('index.html');
      expect(webstack('convert', '-o', 'dist', '--force').code).toBe(0);
      expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual([OUTPUT_MARKER, expect.stringMatching(/\.k8s\.yaml$/)]);
    });

    test('a previous output is replaced without --force', () => {
      expect(webstack('convert', '-o', 'dist').code).toBe(0);
      expect(webstack('convert', '-o', 'dist').code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe('print(1)');
    });
  });

  describe('report', () => {
    test('many warnings of one code are one full diagnostic and a count with the first locations; -v lists all', () => {
      const env = Array.from({ length: 40 }, (_, i) => `      - UNSET_${i}`).join('\n');
      write('compose.yaml', `${GOOD}    env_file: []\n`.replace('    environment:\n      SECRET_KEY: do-not-print-me-123\n', `    environment:\n${env}\n`));
      const brief = webstack('convert', '--stdout');
      expect(brief.stderr.match(/warning\[env-unset\]:/g)).toHaveLength(1);
      expect(brief.stderr).toMatch(/\.\.\. and 39 more warning\[env-unset\] at (\S+:\d+:\d+, ){3}\.\.\. \(-v lists them all\)/);
      expect(webstack('convert', '--stdout', '-v').stderr.match(/warning\[env-unset\]:/g)).toHaveLength(40);
    });

    test('a refused run ends with the flags that fix what the tool can fix', () => {
      write('compose.yaml', `services:
  api: { image: "ghcr.io/acme/api:latest", user: "1:1", expose: [8000] }
  sock: { image: "traefik:3.1", user: "1:1", expose: [80], volumes: ["/var/run/docker.sock:/var/run/docker.sock"] }
  web: { image: "ghcr.io/acme/web:1.0", user: "1:1", expose: [8080] }
`);
      const ran = webstack('convert', '-f', 'compose.yaml', '--stdout');
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain('webstack: 1 of 3 service(s) ready, 2 error(s)');
      expect(ran.stderr).toContain('  pin 1 image(s): --image api=<pinned ref>');
      expect(ran.stderr).toContain('  restricted cannot run sock (volume-docker-socket); convert the others with: webstack convert -f compose.yaml --stdout api web');
      expect(webstack('convert', '-f', 'compose.yaml', '--stdout', '--image', 'api=ghcr.io/acme/api:1.0', 'api', 'web').code).toBe(0);
    });
  });
});
