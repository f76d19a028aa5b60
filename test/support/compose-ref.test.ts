import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildComposeRef, runComposeRef, type ReferenceResult } from './compose-ref';

/** A cold build fetches compose-go through the Go module proxy and compiles it (about 20-30 s on 2 cores). */
const BUILD_TIMEOUT_MS = 300_000;

describe('compose-ref tool', () => {
  let binary = '';
  let dir = '';

  beforeAll(() => {
    binary = buildComposeRef();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-ref-'));
  }, BUILD_TIMEOUT_MS);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs compose-go on one inline compose file. */
  function reference(yaml: string, env: Record<string, string> = {}): ReferenceResult {
    const file = path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, yaml);
    const c = { id: 'inline', title: 'inline', projectDir: dir, files: [file], envFiles: [], profiles: [], env, main: true, expectedServices: 1, composeRejects: false };
    return runComposeRef(binary, c, env);
  }

  test('the build is cached: a second call returns the same binary at once', () => {
    const started = Date.now();
    expect(buildComposeRef()).toBe(binary);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('never reads the machine environment, only the explicit one', () => {
    process.env.WEBSTACK_LEAK_PROBE = 'leaked';
    try {
      const yaml = 'services:\n  web:\n    image: "nginx:${WEBSTACK_LEAK_PROBE:-none}"\n    environment: [EXPLICIT]\n';
      expect(reference(yaml)).toMatchObject({ ok: true, json: { services: { web: { image: 'nginx:none', environment: { EXPLICIT: null } } } } });
      expect(reference(yaml, { EXPLICIT: 'yes' })).toMatchObject({ ok: true, json: { services: { web: { environment: { EXPLICIT: 'yes' } } } } });
    } finally {
      delete process.env.WEBSTACK_LEAK_PROBE;
    }
  });

  test('returns strings unescaped: $$ in the file is one $ in the project', () => {
    expect(reference('services:\n  web:\n    image: nginx:1\n    command: echo $$HOME\n')).toMatchObject({
      ok: true,
      json: { services: { web: { command: ['echo', '$HOME'] } } },
    });
  });

  test('expands ~/ in host paths with the home directory, without exposing HOME to interpolation', () => {
    const yaml = 'services:\n  web:\n    image: "nginx:${HOME:-none}"\n    volumes: ["~/data:/data"]\n';
    expect(reference(yaml)).toMatchObject({
      ok: true,
      json: { services: { web: { image: 'nginx:none', volumes: [{ source: path.join(os.homedir(), 'data') }] } } },
    });
  });

  test('reports compose-go errors instead of output', () => {
    expect(reference('services:\n  web:\n    image: ${MISSING:?set it}\n')).toEqual({
      ok: false,
      error: expect.stringContaining('required variable MISSING is missing a value: set it') as unknown,
    });
  });
});
