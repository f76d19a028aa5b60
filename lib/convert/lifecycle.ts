import type { ServiceSpec } from '../compose/model';
import { SHUTDOWN } from '../defaults';
import type { TaskProps } from '../services/task';
import type { ServiceContext } from './context';

/** A service that is meant to finish: `restart: no`/`on-failure[:N]`, a none/on-failure restart_policy, a job mode. */
export function runsToCompletion(service: ServiceSpec): boolean {
  const restart = service.restart ?? '';
  const condition = service.deploy?.restartPolicy?.condition;
  return restart === 'no' || restart.startsWith('on-failure') || condition === 'none' || condition === 'on-failure' || /-job$/.test(service.deploy?.mode ?? '');
}

/**
 * Job settings of a task: `on-failure[:N]` (or restart_policy on-failure with max_attempts) retries N times in
 * place (`OnFailure`); `no` never retries. The restart_policy's delay/window have no Job equivalent.
 */
export function taskOptions(ctx: ServiceContext): Pick<TaskProps, 'backoffLimit' | 'restartPolicy'> {
  const { service, reporter } = ctx;
  const policy = service.deploy?.restartPolicy;
  for (const key of ['delay', 'window'] as const) {
    if (policy?.[`${key}Ms`] !== undefined) {
      reporter.report('restart-policy-field-ignored', {
        at: `deploy.restart_policy.${key}`,
        message: `restart_policy.${key} has no Kubernetes equivalent: failed pods restart with exponential back-off`,
        fix: `remove restart_policy.${key}`,
      });
    }
  }
  const restart = service.restart ?? '';
  const onFailure = restart.startsWith('on-failure') || policy?.condition === 'on-failure';
  const attempts = policy?.maxAttempts ?? (restart.startsWith('on-failure:') ? Number(restart.slice('on-failure:'.length)) : undefined);
  if (!onFailure) return { backoffLimit: 0, restartPolicy: 'Never' };
  return { backoffLimit: attempts, restartPolicy: 'OnFailure' };
}

/**
 * `stop_grace_period` -> `terminationGracePeriodSeconds` (rounded up); the preStop drain sleep must fit inside it,
 * so a short grace period turns the sleep off. `stop_signal` cannot be set on a pod in Kubernetes 1.28.
 */
export function shutdownOptions(ctx: ServiceContext): { terminationGracePeriodSeconds?: number; preStopSleepSeconds?: number } {
  const { service, reporter } = ctx;
  if (service.stopSignal !== undefined) {
    reporter.report('stop-signal-ignored', {
      at: 'stop_signal',
      message: `stop_signal ${service.stopSignal} cannot be set on a pod (ContainerStopSignals is alpha in 1.33); the kubelet sends SIGTERM unless the image sets STOPSIGNAL`,
      value: service.stopSignal,
      fix: 'set STOPSIGNAL in the image, or make the process exit cleanly on SIGTERM',
    });
  }
  if (service.stopGracePeriodMs === undefined) return {};
  const seconds = Math.ceil(service.stopGracePeriodMs / 1000);
  return { terminationGracePeriodSeconds: seconds, ...(seconds <= SHUTDOWN.web.preStopSleepSeconds ? { preStopSleepSeconds: 0 } : {}) };
}
