import * as path from 'path';
import { convertCompose } from '../../lib/convert';
import { EnvironmentMismatch, variation } from '../../lib/init/environments';
import type { StackSpec } from '../../lib/convert/spec';

const FIXTURE = path.join(__dirname, '..', 'e2e', 'fixtures', 'environments');

function specOf(...files: string[]): StackSpec {
  const { spec, failed } = convertCompose({ files: files.map((f) => path.join(FIXTURE, f)), environment: {} });
  if (!spec || failed) throw new Error(`${files.join(' + ')} did not convert`);
  return spec;
}

describe('environments', () => {
  const staging = { name: 'staging', spec: specOf('compose.yaml', 'compose.staging.yml') };
  const production = { name: 'production', spec: specOf('compose.yaml', 'compose.production.yml') };

  test('finds exactly the values the overrides change', () => {
    const found = variation([staging, production]);
    expect(found.stack).toEqual(new Set());
    expect(found.configMaps).toEqual(new Set(['api-env']));
    expect(found.claims).toEqual(new Set());
    // api: the image, the replicas (as autoscaling), the resources; not the config hash, which the code computes.
    expect(found.roles).toEqual(new Map([['db', new Set(['image'])], ['api', new Set(['image', 'autoscaling', 'resources'])]]));
  });

  test('one environment varies in nothing', () => {
    expect(variation([staging])).toEqual({ stack: new Set(), configMaps: new Set(), claims: new Set(), roles: new Map() });
  });

  test('environments that run different services, or link them differently, are refused with the difference named', () => {
    const fewer = { name: 'minimal', spec: { ...staging.spec, roles: staging.spec.roles.filter((r) => r.service !== 'db') } };
    expect(() => variation([staging, fewer])).toThrow(EnvironmentMismatch);
    expect(() => variation([staging, fewer])).toThrow(/staging and minimal differ in their services/);
    const unlinked = { name: 'unlinked', spec: { ...staging.spec, roles: staging.spec.roles.map((r) => ({ ...r, dependsOn: [] })) } };
    expect(() => variation([staging, unlinked])).toThrow(/differ in their links/);
  });
});
