import type { HealthcheckSpec, HealthcheckTest } from '../../lib/compose/model';
import { probesFromHealthcheck } from '../../lib/convert/healthcheck';
import { ServiceReporter } from '../../lib/convert/report';

type Input = Omit<HealthcheckSpec, 'disable' | 'test'> & { readonly disable?: boolean; readonly test?: readonly string[] };

/** Healthchecks in Compose's own list form, as the model normalizes them. */
function convert(hc: Input, port?: number) {
  const [form, ...rest] = hc.test ?? [];
  const test: HealthcheckTest | undefined =
    form === undefined ? undefined : form === 'NONE' ? { kind: 'none' } : form === 'CMD-SHELL' ? { kind: 'shell', command: rest.join(' ') } : { kind: 'exec', argv: rest };
  const reporter = new ServiceReporter('web', () => undefined);
  return { probes: probesFromHealthcheck({ ...hc, test, disable: hc.disable ?? false }, port, reporter), codes: reporter.diagnostics.map((d) => [d.code, d.path]) };
}

describe('healthcheck to probes', () => {
  test('CMD-SHELL runs through /bin/sh -c; readiness copies the timings; startup covers start_period', () => {
    const { probes, codes } = convert(
      { test: ['CMD-SHELL', 'pg_isready -U postgres -d app'], intervalMs: 10_000, timeoutMs: 10_000, retries: 5, startPeriodMs: 30_000 },
      5432,
    );
    expect(codes).toEqual([]);
    expect(probes?.readiness).toEqual({ exec: ['/bin/sh', '-c', 'pg_isready -U postgres -d app'], periodSeconds: 10, timeoutSeconds: 10, failureThreshold: 5, successThreshold: 1 });
    // (30 s start period + 5 retries x 10 s) / 5 s start interval
    expect(probes?.startup).toEqual({ ...probes?.readiness, periodSeconds: 5, failureThreshold: 16 });
    expect(probes?.liveness).toEqual({ tcpSocket: { port: 5432 }, periodSeconds: 10, timeoutSeconds: 10, failureThreshold: 5, successThreshold: 1 });
  });

  test('CMD keeps the argv; Compose defaults fill missing timings', () => {
    const { probes } = convert({ test: ['CMD', 'redis-cli', 'ping'] });
    expect(probes?.readiness).toEqual({ exec: ['redis-cli', 'ping'], periodSeconds: 30, timeoutSeconds: 30, failureThreshold: 3, successThreshold: 1 });
    expect(probes?.startup).toMatchObject({ periodSeconds: 5, failureThreshold: 18 });
  });

  test('a portless service gets the same check with twice the patience as liveness, never an identical probe', () => {
    const { probes } = convert({ test: ['CMD', 'celery', 'inspect', 'ping'], retries: 2 });
    expect(probes?.liveness).toMatchObject({ exec: ['celery', 'inspect', 'ping'], failureThreshold: 4 });
    expect(probes?.liveness).not.toEqual(probes?.readiness);
  });

  test('a plain local curl becomes httpGet, in CMD and CMD-SHELL form', () => {
    expect(convert({ test: ['CMD', 'curl', '-f', 'http://localhost:8000/api/v1/utils/health-check/'] }, 8000).probes?.readiness).toMatchObject({
      httpGet: { path: '/api/v1/utils/health-check/', port: 8000 },
    });
    expect(convert({ test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] }).probes?.readiness).toMatchObject({
      exec: ['/bin/sh', '-c', 'curl -f http://localhost/ || exit 1'],
    });
  });

  test('disable and NONE keep the role defaults, with an info', () => {
    expect(convert({ disable: true, test: ['CMD', 'true'] })).toEqual({ probes: undefined, codes: [['healthcheck-disabled', 'services.web.healthcheck']] });
    expect(convert({ test: ['NONE'] }).codes).toEqual([['healthcheck-disabled', 'services.web.healthcheck']]);
  });

  test('fails without a test', () => {
    expect(convert({ intervalMs: 5000 })).toEqual({ probes: undefined, codes: [['healthcheck-no-test', 'services.web.healthcheck']] });
  });

  test('sub-second timings round up to whole seconds, with a warning at the key', () => {
    const { probes, codes } = convert({ test: ['CMD', 'true'], intervalMs: 500, timeoutMs: 1500 });
    expect(probes?.readiness).toMatchObject({ periodSeconds: 1, timeoutSeconds: 2 });
    expect(codes).toEqual([
      ['healthcheck-subsecond', 'services.web.healthcheck.interval'],
      ['healthcheck-subsecond', 'services.web.healthcheck.timeout'],
    ]);
  });
});
