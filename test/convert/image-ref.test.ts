import { imagePinning, parseImageRef, type ImageRef } from '../../lib/image-ref';

describe('image references', () => {
  test.each([
    ['postgres:18', { repository: 'postgres', name: 'postgres', tag: '18' }],
    ['library/postgres:15-alpine', { repository: 'library/postgres', name: 'postgres', tag: '15-alpine' }],
    ['ghcr.io/saleor/saleor:3.22', { registry: 'ghcr.io', repository: 'saleor/saleor', name: 'saleor', tag: '3.22' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app', name: 'app' }],
    [`valkey/valkey:9.1.1-alpine@sha256:${'e'.repeat(64)}`, { repository: 'valkey/valkey', name: 'valkey', tag: '9.1.1-alpine', digest: `sha256:${'e'.repeat(64)}` }],
    ['adminer', { repository: 'adminer', name: 'adminer' }],
  ])('%s', (ref, expected) => {
    expect(parseImageRef(ref)).toEqual({ registry: undefined, tag: undefined, digest: undefined, ...expected });
  });

  test.each([
    ['postgres:18', 'tag'],
    ['adminer', 'untagged'],
    ['backend:latest', 'latest'],
    ['localhost:5000/app', 'untagged'],
    [`app:latest@sha256:${'a'.repeat(64)}`, 'digest'],
  ])('%s is pinned by %s', (ref, pinning) => {
    expect(imagePinning(parseImageRef(ref) as ImageRef)).toBe(pinning);
  });

  test.each(['a:b:c:d', 'acme/:1.0', 'Acme/api:1', 'api:1 ', 'api@sha256:abc', '', ':1.0', 'a//b:1'])('%j is not a reference', (ref) => {
    expect(parseImageRef(ref)).toBeUndefined();
  });
});
