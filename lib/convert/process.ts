import type { WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';

/**
 * Kubernetes expands `$(VAR)` in command, args and env values, and turns `$$` into `$`. Compose already resolved
 * its own `$` syntax, so every remaining `$` before `(` or `$` is doubled to reach the process unchanged.
 */
export function escapeKubernetesExpansion(text: string): string {
  return text.replace(/\$(?=[($])/g, '$$$$');
}

const escapeAll = (argv: readonly string[]): string[] => argv.map(escapeKubernetesExpansion);

/** Roles that run their own server command (with tuned arguments) instead of the Compose one. */
const OWN_COMMAND_ROLES = new Set(['postgres', 'redis', 'proxy']);

/**
 * `entrypoint` -> container `command`, `command` -> `args` (Compose's ENTRYPOINT/CMD split is Kubernetes'
 * command/args split), `working_dir`, lifecycle hooks; reports what a pod cannot do (`init`, a tty on a server,
 * clearing the entrypoint).
 */
export function processOptions(ctx: ServiceContext): Partial<WorkloadOptions> {
  const { service, reporter, role } = ctx;
  if (OWN_COMMAND_ROLES.has(role) && (service.command || service.entrypoint)) {
    reporter.report('role-overrides-command', {
      at: service.command ? 'command' : 'entrypoint',
      message: `the ${role} role runs its own server command with tuned settings, so this command is not used`,
      fix: 'set the role props in TypeScript after seeding, or choose another role with x-webstack.role',
    });
  }
  if (service.entrypoint?.length === 0) {
    reporter.report('entrypoint-cleared', {
      at: 'entrypoint',
      message: 'entrypoint: [] cannot clear the image entrypoint: an empty Kubernetes command keeps it',
      fix: 'set the entrypoint explicitly (e.g. ["/bin/sh", "-c"]) or use an image without one',
    });
  }
  if (role !== 'task') {
    for (const [key, set] of [['tty', service.tty], ['stdin_open', service.stdinOpen]] as const) {
      if (set === true) {
        reporter.report('tty-on-server', { at: key, message: `${key} is meant for interactive containers; a server role runs detached`, fix: `remove ${key}` });
      }
    }
  }
  if (service.init === true) {
    reporter.report('init-ignored', {
      at: 'init',
      message: 'init: true has no pod field, so no init process reaps zombies',
      fix: 'use an image that runs tini or dumb-init as PID 1',
    });
  }
  const ownCommand = OWN_COMMAND_ROLES.has(role);
  return {
    command: ownCommand || !service.entrypoint?.length ? undefined : escapeAll(service.entrypoint),
    args: ownCommand || !service.command?.length ? undefined : escapeAll(service.command),
    workingDir: service.workingDir,
    postStart: hookCommand(ctx, 'post_start'),
    preStop: hookCommand(ctx, 'pre_stop'),
  };
}

/** Compose allows several hooks; Kubernetes one exec handler, so several run in order through one shell. */
function hookCommand(ctx: ServiceContext, key: 'post_start' | 'pre_stop'): string[] | undefined {
  const hooks = key === 'post_start' ? ctx.service.postStart : ctx.service.preStop;
  const argvs = hooks.flatMap((hook, i) => {
    if (hook.privileged || hook.user !== undefined) {
      ctx.reporter.report('lifecycle-hook-forbidden', {
        at: `${key}.${i}`,
        message: `${key} hook ${i} asks for ${hook.privileged ? 'privileges' : `user ${hook.user}`}, which a restricted pod cannot grant`,
        fix: 'run the hook as the container user without privileges',
      });
      return [];
    }
    return hook.command.length ? [[...hook.command]] : [];
  });
  if (argvs.length <= 1) return argvs[0];
  return ['/bin/sh', '-c', argvs.map((argv) => argv.map(shellQuote).join(' ')).join(' && ')];
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
