import * as path from 'path';
import { convertCompose } from '../../lib/convert';
import { generateProject, type PackageVersions } from '../../lib/init/generate';

const FIXTURE = path.join(__dirname, '..', 'e2e', 'fixtures', 'environments');
const VERSIONS: PackageVersions = {
  webstack: '0.1.0',
  dependencies: { cdk8s: '1', 'cdk8s-plus-28': '1', constructs: '1' },
  devDependencies: { typescript: '5', jest: '29', 'ts-jest': '29', '@types/jest': '29', '@types/node': '20', 'cdk8s-cli': '2' },
};

describe('generateProject', () => {
  test('file names and messages from the project cannot end a comment and become code', () => {
    const { spec } = convertCompose({ files: [path.join(FIXTURE, 'compose.yaml')], environment: {} });
    if (!spec) throw new Error('the fixture did not convert');
    const evil = (n: number): string => `x\nINJECTED_${n}() /*\r\u2028\u2029*/`;
    const files = generateProject({
      spec,
      composeFiles: [evil(1)],
      diagnostics: [{ code: 'ignored-key', severity: 'warning', message: evil(2), fix: evil(3), path: 'services.api', pos: { file: `/p/${evil(4)}.yml`, line: 1, column: 1 } }],
      serviceSources: { api: { pos: { file: `/p/${evil(5)}`, line: 2, column: 1 }, keys: { image: { file: `/p/${evil(6)}`, line: 3, column: 3 } } } },
      projectDir: '/p',
      versions: VERSIONS,
      manifests: {},
    });
    for (const [file, text] of files) {
      if (!file.endsWith('.ts')) continue;
      // JavaScript's line terminators: any of them ends a // comment.
      const injected = text.split(/\r\n|[\n\r\u2028\u2029]/).filter((line) => /^\s*INJECTED_/.test(line));
      expect({ file, injected }).toEqual({ file, injected: [] });
    }
  });

  test('a config hash is computed in code from the ConfigMap content it builds, so editing the content rolls the pods', () => {
    const { spec } = convertCompose({ files: [path.join(FIXTURE, 'compose.yaml')], environment: {} });
    if (!spec) throw new Error('the fixture did not convert');
    const stack = generateProject({ spec, composeFiles: ['compose.yaml'], diagnostics: [], serviceSources: {}, projectDir: FIXTURE, versions: VERSIONS, manifests: {} }).get('lib/shop.ts') ?? '';
    expect(stack).toContain("const apiEnvContent = {\n      data: { DATABASE_HOST: 'db', LOG_LEVEL: 'debug' },\n    };");
    expect(stack).toContain("[CONFIG_HASH_ANNOTATION]: configHash([{ name: 'api-env', ...apiEnvContent }]),");
    expect(stack).not.toMatch(/[0-9a-f]{64}/);
  });
});
