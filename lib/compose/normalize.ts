import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from '../errors';
import { PMap, PNode, isMap, isSeq, pmap, pseq } from './tree';
import { normalizeDiagnostic } from './normalize/codes';
import { toBool, toBytes, toDuration, toFileMode, toFloat, toInt, toOptionalFlag } from './normalize/cast';
import { healthcheckTest, shellCommand } from './normalize/command';
import { dependsOn } from './normalize/depends-on';
import { deploy } from './normalize/deploy';
import { buildArgs, environment, extraHosts, labels, stringOrList } from './normalize/mappings';
import { expose, ports } from './normalize/ports';
import { applyProjectDefaults, normalizeProjectName } from './normalize/project';
import { build, envFile, fileMount, hostPath, resourceFile, secretMount, serviceNetworks } from './normalize/references';
import type { Rule, RuleContext } from './normalize/rule';
import { containerPath, volumeMount } from './normalize/volumes';

/**
 * Stage "normalize": rewrites the merged, interpolated tree into compose-go's canonical form (long syntax, typed
 * scalars, resolved paths, defaults), so later stages and the compose-go differential test see one shape per
 * key. Every synthesized node keeps the position of what the author wrote.
 *
 * The table is keyed by path (`*` matches any key or list index), like compose-go's `transform/` registry: a
 * new rule is one line. A rule runs before the walk descends into its result, so a long form produced by one
 * rule is still cast by the rules below it.
 */
const RULES: ReadonlyArray<readonly [string, Rule]> = [
  // short -> long syntax
  ['services.*.ports', ports],
  ['services.*.expose', expose],
  ['services.*.volumes.*', volumeMount],
  ['services.*.volumes.*.target', containerPath],
  ['services.*.environment', environment],
  ['services.*.build.args', buildArgs],
  ['services.*.labels', labels],
  ['services.*.annotations', labels],
  ['services.*.sysctls', labels],
  ['services.*.build.labels', labels],
  ['services.*.extra_hosts', extraHosts],
  ['services.*.env_file', envFile],
  ['services.*.label_file', stringOrList],
  ['services.*.dns', stringOrList],
  ['services.*.dns_search', stringOrList],
  ['services.*.tmpfs', stringOrList],
  ['services.*.depends_on', dependsOn],
  ['services.*.networks', serviceNetworks],
  ['services.*.secrets.*', secretMount],
  ['services.*.configs.*', fileMount],
  ['services.*.build', build],
  ['services.*.deploy', deploy],
  ['services.*.develop.watch.*.path', hostPath],
  ['services.*.command', shellCommand],
  ['services.*.entrypoint', shellCommand],
  ['services.*.healthcheck.test', healthcheckTest],
  ['secrets.*', resourceFile],
  ['configs.*', resourceFile],
  // durations and byte sizes in compose-go's printed form
  ['services.*.healthcheck.interval', toDuration],
  ['services.*.healthcheck.timeout', toDuration],
  ['services.*.healthcheck.start_period', toDuration],
  ['services.*.healthcheck.start_interval', toDuration],
  ['services.*.stop_grace_period', toDuration],
  ['services.*.deploy.update_config.delay', toDuration],
  ['services.*.deploy.update_config.monitor', toDuration],
  ['services.*.deploy.rollback_config.delay', toDuration],
  ['services.*.deploy.rollback_config.monitor', toDuration],
  ['services.*.deploy.restart_policy.delay', toDuration],
  ['services.*.deploy.restart_policy.window', toDuration],
  ['services.*.mem_limit', toBytes],
  ['services.*.mem_reservation', toBytes],
  ['services.*.memswap_limit', toBytes],
  ['services.*.shm_size', toBytes],
  ['services.*.build.shm_size', toBytes],
  ['services.*.deploy.resources.limits.memory', toBytes],
  ['services.*.deploy.resources.reservations.memory', toBytes],
  ['services.*.volumes.*.tmpfs.size', toBytes],
  // type casting after interpolation (compose-go's interpolateTypeCastMapping); toOptionalFlag also drops a
  // false that compose-go's JSON omits
  ['services.*.cpus', toFloat],
  ['services.*.cpu_count', toInt],
  ['services.*.cpu_percent', toFloat],
  ['services.*.cpu_period', toInt],
  ['services.*.cpu_quota', toInt],
  ['services.*.cpu_rt_period', toInt],
  ['services.*.cpu_rt_runtime', toInt],
  ['services.*.cpu_shares', toInt],
  ['services.*.deploy.resources.limits.cpus', toFloat],
  ['services.*.deploy.resources.reservations.cpus', toFloat],
  ['services.*.deploy.resources.limits.pids', toInt],
  ['services.*.deploy.replicas', toInt],
  ['services.*.deploy.update_config.parallelism', toInt],
  ['services.*.deploy.update_config.max_failure_ratio', toFloat],
  ['services.*.deploy.rollback_config.parallelism', toInt],
  ['services.*.deploy.rollback_config.max_failure_ratio', toFloat],
  ['services.*.deploy.restart_policy.max_attempts', toInt],
  ['services.*.deploy.placement.max_replicas_per_node', toInt],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBool],
  ['services.*.init', toBool],
  ['services.*.oom_kill_disable', toOptionalFlag],
  ['services.*.oom_score_adj', toInt],
  ['services.*.pids_limit', toInt],
  ['services.*.ports.*.target', toInt],
  ['services.*.privileged', toOptionalFlag],
  ['services.*.read_only', toOptionalFlag],
  ['services.*.scale', toInt],
  ['services.*.secrets.*.mode', toFileMode],
  ['services.*.configs.*.mode', toFileMode],
  ['services.*.stdin_open', toOptionalFlag],
  ['services.*.tty', toOptionalFlag],
  ['services.*.attach', toBool],
  ['services.*.ulimits.*', toInt],
  ['services.*.ulimits.*.soft', toInt],
  ['services.*.ulimits.*.hard', toInt],
  ['services.*.volumes.*.read_only', toOptionalFlag],
  ['services.*.volumes.*.bind.create_host_path', toBool],
  ['services.*.volumes.*.volume.nocopy', toOptionalFlag],
  ['services.*.depends_on.*.required', toBool],
  ['services.*.depends_on.*.restart', toOptionalFlag],
  ['services.*.env_file.*.required', toBool],
  ['networks.*.external', toBool],
  ['networks.*.internal', toOptionalFlag],
  ['networks.*.attachable', toOptionalFlag],
  ['networks.*.enable_ipv6', toBool],
  ['volumes.*.external', toBool],
  ['secrets.*.external', toBool],
  ['configs.*.external', toBool],
];

/** Rules indexed by path depth, each with its pattern split into segments. */
const RULES_BY_DEPTH: ReadonlyMap<number, ReadonlyArray<readonly [readonly string[], Rule]>> = (() => {
  const byDepth = new Map<number, Array<readonly [readonly string[], Rule]>>();
  for (const [pattern, rule] of RULES) {
    const segments = pattern.split('.');
    byDepth.set(segments.length, [...(byDepth.get(segments.length) ?? []), [segments, rule]]);
  }
  return byDepth;
})();

/** What normalization needs besides the tree. */
export interface NormalizeOptions {
  /** Absolute project directory: relative host paths resolve against it. */
  readonly workingDir: string;
  /**
   * Project name for runtime resource names (`<project>_default`).
   * @default - the tree's `name`, else the normalized base name of `workingDir`
   */
  readonly projectName?: string;
  /**
   * Home directory for `~` in host paths.
   * @default - the current user's home directory
   */
  readonly homeDir?: string;
  /**
   * What the project's env files define (stage 1's `projectEnvironment`): valueless service `environment`
   * entries take their value from it.
   * @default - nothing: every valueless entry stays null
   */
  readonly projectEnvironment?: Readonly<Record<string, string>>;
}

/** The canonical tree and every problem found while building it. */
export interface NormalizeResult {
  readonly tree: PMap;
  readonly diagnostics: Diagnostic[];
}

/** Rewrites `tree` into canonical form; never throws on user input (problems become diagnostics). */
export function normalize(tree: PMap, options: NormalizeOptions): NormalizeResult {
  const diagnostics: Diagnostic[] = [];
  const homeDir = options.homeDir ?? os.homedir();
  const projectEnvironment = options.projectEnvironment ?? {};
  const walk = (node: PNode, segments: string[]): PNode | undefined => {
    const ctx: RuleContext = {
      path: segments.join('.'),
      workingDir: options.workingDir,
      homeDir,
      projectEnvironment,
      report: (code, message, at = node, fix) => diagnostics.push(normalizeDiagnostic(code, message, at, ctx.path, fix)),
    };
    const rule = ruleFor(segments);
    const rewritten = rule ? rule(node, ctx) : node;
    if (isMap(rewritten)) {
      const entries = rewritten.entries.flatMap((e) => {
        const value = walk(e.value, [...segments, e.key]);
        return value ? [{ ...e, value }] : [];
      });
      return pmap(entries, rewritten.pos, rewritten.tag);
    }
    if (isSeq(rewritten)) {
      const items = rewritten.items.flatMap((item, i) => walk(item, [...segments, String(i)]) ?? []);
      return pseq(items, rewritten.pos, rewritten.tag);
    }
    return rewritten;
  };
  const canonical = (walk(tree, []) ?? tree) as PMap;
  return { tree: applyProjectDefaults(canonical, projectNameOf(canonical, options)), diagnostics };
}

function ruleFor(segments: readonly string[]): Rule | undefined {
  const candidates = RULES_BY_DEPTH.get(segments.length);
  return candidates?.find(([pattern]) => pattern.every((p, i) => p === '*' || p === segments[i]))?.[1];
}

function projectNameOf(tree: PMap, options: NormalizeOptions): string {
  const declared = tree.entries.find((e) => e.key === 'name')?.value;
  const name = options.projectName ?? (declared?.kind === 'scalar' && typeof declared.value === 'string' ? declared.value : undefined);
  return normalizeProjectName(name ?? path.basename(options.workingDir));
}
