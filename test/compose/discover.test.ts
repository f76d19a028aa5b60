import { discoverComposeFiles } from '../../lib/compose/discover';

function existing(...files: string[]): (file: string) => boolean {
  return (file) => files.includes(file);
}

describe('discoverComposeFiles', () => {
  test('prefers compose.yaml and adds the first override file, whatever the main file name', () => {
    const exists = existing('/p/compose.yaml', '/p/docker-compose.yml', '/p/docker-compose.override.yml', '/p/compose.override.yaml');
    expect(discoverComposeFiles('/p', {}, exists).result).toEqual(['/p/compose.yaml', '/p/compose.override.yaml']);
  });

  test('docker-compose.yml wins over docker-compose.yaml, as in compose-go', () => {
    expect(discoverComposeFiles('/p', {}, existing('/p/docker-compose.yaml', '/p/docker-compose.yml')).result).toEqual(['/p/docker-compose.yml']);
  });

  test('walks up to the nearest parent that has a compose file', () => {
    expect(discoverComposeFiles('/p/sub/dir', {}, existing('/p/compose.yml', '/compose.yaml')).result).toEqual(['/p/compose.yml']);
  });

  test('COMPOSE_FILE replaces discovery, split on COMPOSE_PATH_SEPARATOR (default :)', () => {
    const exists = existing('/p/a.yml', '/p/b.yml', '/p/compose.yaml');
    expect(discoverComposeFiles('/p', { COMPOSE_FILE: 'a.yml:b.yml' }, exists).result).toEqual(['/p/a.yml', '/p/b.yml']);
    expect(discoverComposeFiles('/p', { COMPOSE_FILE: 'a.yml,b.yml', COMPOSE_PATH_SEPARATOR: ',' }, exists).result).toEqual(['/p/a.yml', '/p/b.yml']);
  });

  test('a missing COMPOSE_FILE entry and no compose file at all are errors', () => {
    expect(discoverComposeFiles('/p', { COMPOSE_FILE: 'gone.yml' }, existing()).diagnostics.map((d) => [d.code, d.value])).toEqual([
      ['file-not-found', '/p/gone.yml'],
    ]);
    expect(discoverComposeFiles('/p', {}, existing()).diagnostics.map((d) => d.code)).toEqual(['compose-file-not-found']);
  });
});

test('other default-named files next to the chosen ones draw a warning each', () => {
  const result = discoverComposeFiles('/p', {}, existing('/p/compose.yaml', '/p/compose.yml', '/p/compose.override.yml', '/p/docker-compose.override.yml'));
  expect(result.result).toEqual(['/p/compose.yaml', '/p/compose.override.yml']);
  expect(result.diagnostics.map((d) => [d.code, d.severity, d.value])).toEqual([
    ['compose-file-ambiguous', 'warning', '/p/compose.yml'],
    ['compose-file-ambiguous', 'warning', '/p/docker-compose.override.yml'],
  ]);
});
