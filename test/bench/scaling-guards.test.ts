import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { generateComposeYaml } from '../../bench/generate';
import { buildStack, convertCompose } from '../../lib/convert';
import * as edges from '../../lib/stack/edges';

/**
 * Work that must not grow with the number of roles: the benchmark found the traffic graph derived once per
 * role policy (cubic in roles, 20 s for 1000 services), and a later fix briefly brought it back. Counting
 * derivations guards that without timing anything.
 */
function graphDerivations(services: number, synth: (app: App) => void): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-guard-'));
  try {
    const file = path.join(dir, 'compose.yaml');
    fs.writeFileSync(file, generateComposeYaml(services));
    const { spec } = convertCompose({ files: [file], environment: {} });
    const app = new App({ outdir: path.join(dir, 'out') });
    if (spec === undefined) throw new Error('the generated project did not convert');
    buildStack(app, spec);
    const spy = jest.spyOn(edges, 'trafficGraph');
    try {
      synth(app);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('scaling guards', () => {
  test.each([
    ['chart.toJson() (the CLI)', (app: App) => app.charts.forEach((c) => c.toJson())],
    ['app.synthYaml()', (app: App) => app.synthYaml()],
    ['app.synth()', (app: App) => app.synth()],
  ])('%s derives the traffic graph a fixed number of times, whatever the number of roles', (_name, synth) => {
    const small = graphDerivations(10, synth);
    expect(small).toBeGreaterThan(0);
    expect(graphDerivations(40, synth)).toBe(small);
  });
});
