import { variation } from './environments';
import { environmentsTs } from './environments-code';
import type { InitInput, Names } from './model';
import { CDK8S_YAML, GITIGNORE, IMPORTS_K8S, JEST_CONFIG, mainTs, mainWithEnvironmentsTs, packageJson, readme, testTs, TSCONFIG } from './project-files';
import { stackTs } from './stack-code';
import { tsTypeName } from './typescript';

export type { InitInput, PackageVersions } from './model';

/**
 * `webstack init`: a converted Compose project as a cdk8s project the team owns. The stack is TypeScript that
 * instantiates the role constructs with every value the converter derived written out as props, a comment with
 * the Compose file:line of each service, and each warning as a `// TODO(webstack):` where it applies. Nothing in
 * it reads the Compose files again. `buildStack` (lib/convert/build.ts) is the same mapping done at run time; the
 * round-trip test holds the two to byte-identical manifests.
 */

/** The generated project: relative path → file content. */
export function generateProject(input: InitInput): Map<string, string> {
  const { spec } = input;
  const names: Names = { stack: `${tsTypeName(spec.name)}Stack`, environment: `${tsTypeName(spec.name)}Environment`, stackModule: `lib/${spec.name}` };
  const environments = input.environments?.length ? { specs: input.environments, varies: variation(input.environments) } : undefined;
  return new Map([
    ['package.json', packageJson(input)],
    ['cdk8s.yaml', CDK8S_YAML],
    ['tsconfig.json', TSCONFIG],
    ['jest.config.js', JEST_CONFIG],
    ['.gitignore', GITIGNORE],
    ['main.ts', environments ? mainWithEnvironmentsTs(spec, names) : mainTs(spec, names)],
    [`${names.stackModule}.ts`, stackTs(input, names, environments?.varies)],
    ...(environments ? [['lib/environments.ts', environmentsTs(environments.specs, environments.varies, names)] as [string, string]] : []),
    ['imports/k8s.ts', IMPORTS_K8S],
    [`test/${spec.name}.test.ts`, testTs(spec, names, environments !== undefined)],
    ...Object.entries(input.manifests).map(([file, text]) => [`test/manifests/${file}`, text] as [string, string]),
    ['README.md', readme(input)],
  ]);
}
