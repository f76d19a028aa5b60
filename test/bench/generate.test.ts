import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateComposeYaml, serviceName } from '../../bench/generate';
import { loadCompose } from '../../lib/compose';
import type { ComposeProject } from '../../lib/compose';
import { convertCompose } from '../../lib/convert';

/** Runs `use` on generated YAML in a real file, as the benchmark's CLI runs read it. */
function withGenerated<T>(services: number, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-generate-'));
  try {
    const file = path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, generateComposeYaml(services));
    return use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads generated YAML with an empty environment: the project and the codes of its errors. */
function load(services: number): { project?: ComposeProject; codes: string[] } {
  const result = withGenerated(services, (file) => loadCompose({ files: [file], environment: {} }));
  return { project: result.project, codes: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) };
}

describe('bench/generate', () => {
  // 37 cuts a unit short (db, cache, api... only), which must still be a valid project.
  test.each([1, 10, 37, 120])('%i services load without errors', (services) => {
    const { project, codes } = load(services);
    expect(codes).toEqual([]);
    expect(project?.services).toHaveLength(services);
  });

  test('every service is realistic: tagged image, healthcheck, networks', () => {
    const { project } = load(20);
    for (const service of project?.services ?? []) {
      expect(service.image).toMatch(/:[\w.-]+$/);
      expect(service.healthcheck?.test).toBeDefined();
      expect(Object.keys(service.networks).length).toBeGreaterThan(0);
    }
  });

  test('APIs carry a secret-looking key, depend on their unit and on the previous unit', () => {
    const { project } = load(20);
    const api = project?.services.find((s) => s.name === serviceName(12));
    expect(api?.name).toBe('billing-api-1');
    expect(Object.keys(api?.environment ?? {})).toContain('API_TOKEN');
    expect(Object.keys(api?.dependsOn ?? {}).sort()).toEqual(['billing-cache', 'billing-db', 'orders-api-1']);
  });

  test('stateful services mount named volumes', () => {
    const { project } = load(10);
    const db = project?.services.find((s) => s.name === 'orders-db');
    expect(db?.volumes.map((v) => [v.type, v.source])).toEqual([['volume', 'orders-db-data']]);
  });

  test('output is deterministic and grows by one unit per ten services', () => {
    expect(generateComposeYaml(30)).toBe(generateComposeYaml(30));
    expect(serviceName(0)).toBe('orders-db');
    expect(serviceName(109)).toBe('orders-10-web');
  });

  test('converts without errors into the intended mix of roles', () => {
    const { spec, diagnostics } = withGenerated(20, (file) => convertCompose({ files: [file], environment: {} }));
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const roles: Record<string, number> = {};
    for (const r of spec?.roles ?? []) roles[r.role] = (roles[r.role] ?? 0) + 1;
    expect(roles).toEqual({ postgres: 2, redis: 2, 'web-service': 12, 'celery-worker': 4 });
  });

  test('fails on a count that is not a positive integer', () => {
    expect(() => generateComposeYaml(0)).toThrow(/positive integer/);
    expect(() => generateComposeYaml(2.5)).toThrow(/positive integer/);
  });
});
