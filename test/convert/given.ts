import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convertCompose, type ConvertComposeOptions } from '../../lib/convert';
import type { RoleSpec, StackSpec } from '../../lib/convert/spec';
import type { Diagnostic } from '../../lib/errors';

/** GIVEN: a project directory holding `compose.yaml` (and any other files), removed after the test file. */
export function givenProject(compose: string, files: Readonly<Record<string, string>> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webstack-convert-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), compose);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  created.push(dir);
  return dir;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface Converted {
  readonly spec: StackSpec;
  readonly diagnostics: Diagnostic[];
  /** `code line:column` of every diagnostic except the role-detected infos, in report order. */
  readonly findings: string[];
  role(service: string): RoleSpec;
}

/** WHEN: the project is converted with the process environment left out. */
export function convert(compose: string, files: Readonly<Record<string, string>> = {}, options: Partial<ConvertComposeOptions> = {}): Converted {
  const dir = givenProject(compose, files);
  const result = convertCompose({ files: [path.join(dir, 'compose.yaml')], environment: {}, ...options });
  if (!result.spec) throw new Error(`did not load: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const spec = result.spec;
  return {
    spec,
    diagnostics: result.diagnostics,
    findings: result.diagnostics.filter((d) => d.code !== 'role-detected').map((d) => `${d.code} ${d.pos?.line}:${d.pos?.column}`),
    role: (service) => {
      const found = spec.roles.find((r) => r.service === service);
      if (!found) throw new Error(`no role for ${service}`);
      return found;
    },
  };
}
