import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, '..', '..', 'lib', 'convert');
/** Only the builder instantiates constructs; everything else stays free of cdk8s so the CLI starts fast. */
const BUILDERS = new Set(['build.ts', 'index.ts']);
const CONSTRUCT_WORLD = /^(cdk8s|cdk8s-plus-28|constructs)$|\/(services|kube|stack|policy)(\/|$)|imports\/k8s/;

function runtimeImports(file: string): string[] {
  const source = fs.readFileSync(path.join(DIR, file), 'utf8');
  return [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1] as string);
}

describe('converter layering', () => {
  test('the mapping imports construct code only as types; only the builder touches cdk8s', () => {
    const offenders = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && !BUILDERS.has(f))
      .flatMap((f) => runtimeImports(f).filter((m) => CONSTRUCT_WORLD.test(m)).map((m) => `${f} -> ${m}`));
    expect(offenders).toEqual([]);
  });
});
