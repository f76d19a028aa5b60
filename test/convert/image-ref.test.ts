import { imagePinning, parseImageRef } from '../../lib/convert/image-ref';

describe('image references', () => {
  test.each([
    ['postgres:18', { repository: 'postgres', name: 'postgres', tag: '18' }],
    ['library/postgres:15-alpine', { repository: 'library/postgres', name: 'postgres', tag: '15-alpine' }],
    ['ghcr.io/saleor/saleor:3.22', { registry: 'ghcr.io', repository: 'saleor/saleor', name: 'saleor', tag: '3.22' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app', name: 'app' }],
    ['valkey/valkey:9.1.1-alpine@sha256:ee91', { repository: 'valkey/valkey', name: 'valkey', tag: '9.1.1-alpine', digest: 'sha256:ee91' }],
    ['adminer', { repository: 'adminer', name: 'adminer' }],
  ])('%s', (ref, expected) => {
    expect(parseImageRef(ref)).toEqual({ registry: undefined, tag: undefined, digest: undefined, ...expected });
  });

  test.each([
    ['postgres:18', 'tag'],
    ['adminer', 'untagged'],
    ['backend:latest', 'latest'],
    ['localhost:5000/app', 'untagged'],
    ['app:latest@sha256:abc', 'digest'],
  ])('%s is pinned by %s', (ref, pinning) => {
    expect(imagePinning(parseImageRef(ref))).toBe(pinning);
  });
});
