import { App } from 'cdk8s';
import { buildStack } from '../../lib/convert';
import { RESOURCE_QUOTA } from '../../lib/defaults';
import { convert } from './given';

describe('resource quota sized for the converted stack', () => {
  test('a small stack keeps the default quota', () => {
    expect(convert('services:\n  app: { image: "a/b:1.0.0", user: "1:1", expose: [8080] }\n').spec.resourceQuota).toBeUndefined();
  });

  test('a large stack raises exactly the limits its roles need at their HPA maximum plus a surge pod', () => {
    const services = Array.from({ length: 10 }, (_, i) => `  app${i}: { image: "a/b:1.0.0", user: "1:1", expose: [8080] }`).join('\n');
    const { spec } = convert(`services:\n${services}\n`);
    // 10 web services x (HPA max 10 + 1 surge) pods with the app role's 500m cpu limit; memory (55Gi) still fits
    expect(spec.resourceQuota).toEqual({ pods: '110', 'limits.cpu': '55' });
    expect(Number(RESOURCE_QUOTA.pods)).toBeLessThan(110);
    const quota = (buildStack(new App(), spec).toJson() as { kind: string; spec: { hard: Record<string, string> } }[]).find((m) => m.kind === 'ResourceQuota');
    expect(quota?.spec.hard).toMatchObject({ pods: '110', 'limits.cpu': '55', 'limits.memory': RESOURCE_QUOTA['limits.memory'] });
  });
});
