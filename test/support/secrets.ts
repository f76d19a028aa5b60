import * as fs from 'fs';
import * as path from 'path';
import { parseDotenv } from '../../lib/compose/dotenv';
import type { ComposeProject } from '../../lib/compose/model';
import type { CorpusCase } from './corpus';

/** Secret values shorter than this are trivial (`app`, `saleor`) and also appear as names; they are not searched. */
export const MIN_SECRET_LENGTH = 8;

/**
 * The tests' own idea of a corpus case's secrets, independent of the converter's rules (lib/convert/secret-keys.ts): the
 * values of env-file entries whose names say password, secret, token, key or credential, the passwords inside
 * credential URLs, and the content of secret files. A value that equals a name the manifests must contain (a
 * service, an image path segment, the project) cannot be told apart from that name, and is not searched; the
 * converter warns about those (secret-value-is-a-name).
 */
export function corpusSecretValues(c: CorpusCase, project: ComposeProject): string[] {
  const dotenv = path.join(path.dirname(c.files[0] as string), '.env');
  const envFiles = [...(c.envFiles.length ? c.envFiles : fs.existsSync(dotenv) ? [dotenv] : []), ...project.services.flatMap((s) => s.envFiles.map((f) => f.path))];
  const values = new Set<string>();
  for (const file of envFiles.filter((f) => fs.existsSync(f))) {
    const vars: Record<string, string> = {};
    parseDotenv(fs.readFileSync(file, 'utf8'), file, (name) => vars[name], vars);
    for (const [key, value] of Object.entries(vars)) {
      if (/PASS|PWD|SECRET|TOKEN|KEY|CRED|PRIVATE|SALT/i.test(key.replace(/VALKEY/gi, '')) && !/_(FILE|PATH|DIR)$/i.test(key)) values.add(value);
      const password = /^[a-z][a-z0-9+.:-]*:\/\/[^/@:\s]*:([^@\s]+)@[^@\s]*$/i.exec(value)?.[1];
      if (password) values.add(password);
    }
  }
  for (const secret of Object.values(project.secrets)) {
    if (secret.file && fs.existsSync(secret.file)) values.add(fs.readFileSync(secret.file, 'utf8').trim());
  }
  const whole = [project.name, ...Object.keys(project.volumes), ...Object.keys(project.networks), ...project.services.flatMap((s) => [s.name, s.image ?? ''])];
  const names = new Set(whole.flatMap((name) => [name, ...name.split(/[-_./:@]+/)]));
  return [...values].filter((v) => v.length >= MIN_SECRET_LENGTH && !names.has(v));
}

/** A whole-token occurrence: `postgres_password` inside the secret name `zulip__postgres_password` is no leak. */
export function containsToken(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).test(text);
}
