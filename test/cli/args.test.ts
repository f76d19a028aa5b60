import { parseInvocation, UsageError } from '../../lib/cli/args';

describe('webstack argv', () => {
  test('convert takes repeatable -f, --env-file, --profile and --image, in order', () => {
    expect(parseInvocation(['convert', '-f', 'a.yml', '--file', 'b.yml', '--env-file', 'x.env', '--profile', 'p1', '--profile', 'p2', '--image', 'api=ghcr.io/a/api:1', '-n', 'shop', '--format', 'json', '--strict'])).toEqual({
      command: 'convert',
      args: { argv: ['-f', 'a.yml', '--file', 'b.yml', '--env-file', 'x.env', '--profile', 'p1', '--profile', 'p2', '--image', 'api=ghcr.io/a/api:1', '-n', 'shop', '--format', 'json', '--strict'], files: ['a.yml', 'b.yml'], services: [], envFiles: ['x.env'], profiles: ['p1', 'p2'], namespace: 'shop', outDir: 'dist', force: false, stdout: false, format: 'json', images: { api: 'ghcr.io/a/api:1' }, strict: true, verbose: false, allowPaths: [] },
    });
  });

  test('--rwx-storage-class takes a StorageClass name', () => {
    expect(parseInvocation(['convert', '--rwx-storage-class', 'efs.csi-rwx'])).toMatchObject({ args: { rwxStorageClass: 'efs.csi-rwx' } });
    expect(parseInvocation(['convert'])).toMatchObject({ args: { rwxStorageClass: undefined } });
  });

  test('positionals select services, as `docker compose config SERVICE...`', () => {
    expect(parseInvocation(['convert', '-f', 'a.yml', 'api', 'worker'])).toMatchObject({ args: { files: ['a.yml'], services: ['api', 'worker'] } });
  });

  test('help and version in their usual spellings', () => {
    expect(parseInvocation([])).toEqual({ command: 'help', topic: undefined });
    expect(parseInvocation(['help', 'convert'])).toEqual({ command: 'help', topic: 'convert' });
    expect(parseInvocation(['convert', '-h'])).toEqual({ command: 'help', topic: 'convert' });
    expect(parseInvocation(['-V'])).toEqual({ command: 'version' });
  });

  test.each([
    [['convert', '--stdout', '-o', 'out']],
    [['convert', '--format', 'xml']],
    [['convert', '--image', 'api']],
    [['convert', '--image', 'api=a:1', '--image', 'api=b:1']],
    [['convert', 'compose.yaml']],
    [['convert', 'sub/compose']],
    [['convert', '--namespace', 'Shop_1']],
    [['convert', '--rwx-storage-class', 'NFS_rwx']],
    [['build']],
  ])('fails on %j', (argv) => {
    expect(() => parseInvocation(argv)).toThrow(UsageError);
  });
});
