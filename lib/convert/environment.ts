import { parseDotenv } from '../compose/dotenv';
import type { EnvValue } from '../kube/env';
import type { WorkloadOptions } from '../services/workload-options';
import { readConfined } from './confine';
import type { ServiceContext } from './context';
import { isSecretVariable } from './secret-keys';

/** What Kubernetes 1.28 accepts as an environment variable name (`validation.IsEnvVarName`). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Names of the ConfigMap (plain values) and the Secret (secret-looking values) of a service's environment. */
export const envObjectName = (service: string): string => `${service}-env`;

/**
 * The service's variables, as Compose resolves them: `env_file`s in order (a later file wins), then
 * `environment` on top. A null value means the files give none: it is never read from the converting machine.
 */
export function collectEnvironment(ctx: ServiceContext): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  ctx.service.envFiles.forEach((envFile, i) => {
    // The loader refuses a missing required file, as Compose does; an optional one is skipped.
    const content = readConfined(ctx, envFile.path, `env_file.${i}`, 'env_file');
    if (content === undefined) return;
    const fromFile: Record<string, string> = {};
    // Values may refer to earlier keys of the same files, never to the converting machine's environment.
    parseDotenv(content.toString('utf8'), envFile.path, (name) => fromFile[name], fromFile);
    for (const [key, value] of Object.entries(fromFile)) vars.set(key, value);
  });
  for (const [key, value] of Object.entries(ctx.service.environment)) vars.set(key, value);
  return vars;
}

/**
 * Splits variables by key: plain values go to the ConfigMap `<service>-env` (read with envFrom), secret-looking
 * values and valueless variables become `secretKeyRef`s to the Secret `<service>-env` that the user creates.
 * No secret value is written anywhere; the Secret's keys are recorded for the report.
 */
export function environmentOptions(ctx: ServiceContext, vars: ReadonlyMap<string, string | null>): Partial<WorkloadOptions> {
  const name = envObjectName(ctx.name);
  const env: Record<string, EnvValue> = {};
  const secretKeys: string[] = [];
  let plain = 0;
  for (const [key, value] of vars) {
    if (!ENV_NAME.test(key)) {
      ctx.reporter.report('env-name-invalid', {
        at: `environment.${key}`,
        message: `the variable name ${JSON.stringify(key)} is not one Kubernetes 1.28 accepts (no pod could be created with it), so it is left out; the rest of the service converts`,
        value: key,
        fix: 'rename it to letters, digits, -, . and _, not starting with a digit (e.g. MY_SETTING), in Compose and in the application',
      });
      continue;
    }
    if (value === null) {
      ctx.reporter.report('env-unset', {
        at: `environment.${key}`,
        message: `${key} has no value here, and the converting machine's environment is never read`,
        value: key,
        fix: `give ${key} a value in the Compose file, or put it into the Secret ${name}`,
      });
    }
    // A plain name holding a secret's value (POSTGRES_USER equal to its password, a URL built from one) is one too.
    if (value === null || isSecretVariable(key, value) || ctx.objects.secretValues.find(value).length > 0) {
      env[key] = { secretKeyRef: ctx.objects.requireSecret(name, key, { kind: 'literal', variable: key }) };
      if (value !== null) secretKeys.push(key);
    } else {
      ctx.objects.addConfigData(name, key, Buffer.from(value, 'utf8'));
      plain++;
    }
  }
  if (secretKeys.length) {
    ctx.reporter.report('env-secret', {
      at: 'environment',
      message: `${secretKeys.join(', ')} look secret: they are read from the Secret ${name}, and their values are not written`,
      fix: `create the Secret before applying (see the kubectl commands printed at the end)`,
    });
  }
  return {
    env: Object.keys(env).length ? env : undefined,
    envFromConfigMaps: plain ? [name] : undefined,
  };
}
