import * as fs from 'fs';
import * as path from 'path';
import { CONVERT_CODES } from '../../lib/convert/codes';
import { SERVICE_KEYS, isMappedKey } from '../../lib/convert/service-keys';

const SCHEMA = path.join(__dirname, '..', '..', 'node_modules', 'dclint', 'schemas', 'compose.schema.json');

function schemaServiceKeys(): string[] {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as { definitions: { service: { properties: Record<string, unknown> } } };
  return Object.keys(schema.definitions.service.properties).sort();
}

describe('service key rule table', () => {
  test('every service key of the Compose schema has a rule', () => {
    const missing = schemaServiceKeys().filter((key) => SERVICE_KEYS[key] === undefined);
    expect(missing).toEqual([]);
  });

  test('the table has no rule for a key the schema does not know (typos would never match)', () => {
    const known = new Set(schemaServiceKeys());
    expect(Object.keys(SERVICE_KEYS).filter((key) => !known.has(key))).toEqual([]);
  });

  test('every reported key says what Kubernetes does instead, with a registered code', () => {
    for (const [key, rule] of Object.entries(SERVICE_KEYS)) {
      if (isMappedKey(rule)) continue;
      expect([key, CONVERT_CODES[rule.code]]).toEqual([key, expect.anything()]);
      expect([key, rule.instead.length > 10]).toEqual([key, true]);
    }
  });
});

describe('diagnostic codes', () => {
  test('every registered code is emitted somewhere in the converter (no dead codes)', () => {
    const dir = path.join(__dirname, '..', '..', 'lib', 'convert');
    const sources = fs.readdirSync(dir).filter((f) => f !== 'codes.ts').map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(Object.keys(CONVERT_CODES).filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
  });
});
