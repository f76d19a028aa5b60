import { DATA_SERVICES, EDGE_PROXIES, IMAGE_IDENTITY, type ServerFamily } from '../defaults';
import type { RolePort } from '../services/role';
import type { WorkloadOptions } from '../services/workload-options';
import type { ServiceContext } from './context';
import { MAX_ID } from './limits';
import { parseImageRef } from '../image-ref';
import { dataServiceFamily, edgeProxyFamily, imageFamily, type ImageFamily } from './roles';

/** The safe sysctl that lets non-root processes bind ports from its value up (kubelet allows it since 1.22). */
export const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';

/** Baseline's safe sysctls (Pod Security Standards, policy v1.28): the only ones a restricted pod may set. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  UNPRIVILEGED_PORT_START,
  'net.ipv4.ip_local_reserved_ports',
]);

/** Roles whose image family (and so uid) the defaults know. */
const FAMILY_ROLES = new Set(['postgres', 'redis', 'proxy', 'data-service', 'edge-proxy']);

/** uids of users that images commonly create by name (`user: www-data`). */
const NAMED_USERS: Readonly<Record<string, number>> = { 'www-data': 33, node: 1000, nobody: 65534 };

/** The user each image family runs as, by name (`user: postgres` on a postgres image). */
const FAMILY_USERS: Readonly<Record<string, ImageFamily>> = { postgres: 'postgres', redis: 'redis', valkey: 'redis', nginx: 'proxy' };

type Identity = Partial<Pick<WorkloadOptions, 'runAsUser' | 'runAsGroup' | 'fsGroup'>>;

/** The identity of an official image family, including the ids its alpine variants use instead. */
function familyIdentity(image: string | undefined): Identity {
  const family = imageFamily(image);
  const alpine = /alpine/.test(parseImageRef(image ?? '')?.tag ?? '');
  if (family === 'postgres') return alpine ? { runAsUser: 70, runAsGroup: 70, fsGroup: 70 } : IMAGE_IDENTITY.postgres;
  if (family === 'redis') return alpine ? { ...IMAGE_IDENTITY.redis, runAsGroup: 1000, fsGroup: 1000 } : IMAGE_IDENTITY.redis;
  const server = dataServiceFamily(image) ?? edgeProxyFamily(image);
  if (server !== undefined) return { ...({ ...DATA_SERVICES, ...EDGE_PROXIES } as Record<string, ServerFamily>)[server]?.identity };
  if (family === 'proxy') return IMAGE_IDENTITY.nginxUnprivileged;
  return {};
}

/**
 * `user` (and `x-webstack.uid`/`gid`) -> numeric runAsUser/runAsGroup/fsGroup. Restricted forbids uid 0, so root
 * (and a name the converter cannot resolve) becomes the image family's non-root uid, or the default application
 * uid, with a warning: the service still runs, and the warning says what to check. A root group beside a non-root
 * uid (`1000:0`, OpenShift-style images whose files are group-0 writable) keeps group 0 as a supplemental group.
 */
export function identityOptions(ctx: ServiceContext): Partial<WorkloadOptions> {
  const { service, reporter, webstack } = ctx;
  const fromUser = parseUser(ctx);
  const uid = webstack.uid ?? fromUser.uid;
  const gid = webstack.gid ?? fromUser.gid ?? uid;
  if (uid === undefined && service.user === undefined && !FAMILY_ROLES.has(ctx.role)) {
    reporter.report('user-unset', {
      message: `no user is set, so the pod runs as uid ${IMAGE_IDENTITY.app.runAsUser}; the image must work as that uid`,
      fix: 'set `user: "<uid>:<gid>"` (or x-webstack uid/gid) to the non-root user the image is built for',
    });
  }
  // The database roles default to the Debian ids; their alpine variants need their own.
  const variant = ctx.role === 'postgres' || ctx.role === 'redis' ? familyIdentity(ctx.image) : {};
  const groups = [...(fromUser.rootGroup ? [0] : []), ...(groupAdd(ctx) ?? [])];
  return { ...variant, ...(uid !== undefined ? { runAsUser: uid, runAsGroup: gid, fsGroup: gid } : {}), supplementalGroups: groups.length ? groups : undefined };
}

/** The non-root identity a service gets when its `user` cannot be kept: its image family's, else the application default. */
function fallbackIdentity(ctx: ServiceContext): { uid: number; gid: number } {
  const family = familyIdentity(ctx.image);
  return { uid: family.runAsUser ?? IMAGE_IDENTITY.app.runAsUser, gid: family.runAsGroup ?? IMAGE_IDENTITY.app.runAsGroup };
}

function parseUser(ctx: ServiceContext): { uid?: number; gid?: number; rootGroup?: boolean } {
  const user = ctx.service.user;
  if (user === undefined) return {};
  const [name = '', group] = user.split(':');
  const numeric = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  if ([name, group].some((part) => (numeric(part) ?? 0) > MAX_ID)) {
    ctx.reporter.report('user-invalid', { at: 'user', message: `user ${user} has an id above ${MAX_ID}, which Kubernetes cannot store`, value: user, fix: 'write the uid:gid the image runs as' });
    return {};
  }
  const byName = (text: string): number | undefined => {
    const family = FAMILY_USERS[text];
    const identity = family !== undefined && imageFamily(ctx.image) === family ? familyIdentity(ctx.image) : undefined;
    return identity?.runAsUser ?? NAMED_USERS[text] ?? (text === 'root' ? 0 : undefined);
  };
  const uid = numeric(name) ?? byName(name);
  const gid = group === undefined ? undefined : numeric(group) ?? byName(group);
  const fallback = fallbackIdentity(ctx);
  if (uid === 0) {
    ctx.reporter.report('user-root', {
      at: 'user',
      message: `user ${user} is root, which Pod Security restricted forbids: the pod runs as uid ${fallback.uid} instead, so every path the process writes must be a volume and root-only start-up steps (chown, apt) must move into the image`,
      value: user,
      fix: 'use a non-root variant of the image and set its uid, e.g. `user: "10001:10001"` (or x-webstack uid/gid)',
    });
    return fallback;
  }
  if (uid === undefined) {
    ctx.reporter.report('user-name', {
      at: 'user',
      message: `user ${user} is a name, and Kubernetes needs a numeric uid: the pod runs as uid ${fallback.uid}; the image must work as that uid`,
      value: user,
      fix: 'write the numeric ids, e.g. `user: "1000:1000"` (`docker run --rm <image> id` prints them)',
    });
    return fallback;
  }
  if (gid === 0) return { uid, gid: uid, rootGroup: true };
  if (group !== undefined && gid === undefined) {
    ctx.reporter.report('user-name', {
      at: 'user',
      message: `group ${group} is a name, and Kubernetes needs a numeric gid: the pod runs with gid ${uid}`,
      value: user,
      fix: 'write the numeric ids, e.g. `user: "1000:1000"` (`docker run --rm <image> id` prints them)',
    });
    return { uid, gid: uid };
  }
  return { uid, gid };
}

function groupAdd(ctx: ServiceContext): number[] | undefined {
  const groups = ctx.service.groupAdd;
  const ids = groups.flatMap((g, i) => {
    if (/^\d+$/.test(String(g)) && Number(g) > 0) return [Number(g)];
    ctx.reporter.report('group-add-name', { at: `group_add.${i}`, message: `group ${g} is not a non-zero numeric gid`, value: String(g), fix: 'write the numeric gid' });
    return [];
  });
  return ids.length ? ids : undefined;
}

/**
 * Everything restricted forbids or replaces: privileged mode, host namespaces, added capabilities, unconfined
 * profiles, unsafe sysctls. The pods always drop ALL capabilities, run RuntimeDefault seccomp, forbid privilege
 * escalation and mount the root filesystem read-only (so `read_only: true` needs nothing; the loader drops a
 * `false`, Compose's default), whatever the Compose file says. Safe sysctls map through {@link sysctlOptions}.
 */
export function checkSecurity(ctx: ServiceContext): void {
  const { service, reporter } = ctx;
  if (service.privileged) {
    reporter.report('privileged-forbidden', { at: 'privileged', message: 'privileged containers are forbidden by Pod Security baseline', fix: 'remove privileged; grant nothing a restricted pod cannot have' });
  }
  for (const key of ['pid', 'ipc'] as const) {
    const mode = service[key];
    if (mode === 'host') {
      reporter.report('host-namespace-forbidden', { at: key, message: `${key}: host shares the node's ${key} namespace, which Pod Security baseline forbids`, value: 'host', fix: `remove ${key}: host` });
    } else if (mode !== undefined && mode !== 'private' && mode !== 'shareable') {
      reporter.report('unsupported-key', {
        at: key,
        message: `${key}: ${mode} shares a namespace with another container, which pods cannot do across pods`,
        value: mode,
        fix: 'run the containers in one pod (add a container to the role in TypeScript), or remove it',
      });
    }
  }
  service.capAdd.forEach((cap, i) => {
    const name = cap.toUpperCase().replace(/^CAP_/, '');
    if (name === 'NET_BIND_SERVICE') {
      reporter.report('cap-add-net-bind', { at: `cap_add.${i}`, message: 'NET_BIND_SERVICE is not added: the roles listen on unprivileged ports', value: cap, fix: 'make the process listen on a port >= 1024' });
    } else {
      reporter.report('cap-add-forbidden', {
        at: `cap_add.${i}`,
        message: `capability ${name} cannot be added: restricted allows only NET_BIND_SERVICE in capabilities.add`,
        value: cap,
        fix: 'use an image or configuration that does not need it',
      });
    }
  });
  if (service.capDrop.length) {
    reporter.report('ignored-key', { at: 'cap_drop', message: 'cap_drop is implied: every container drops ALL capabilities' });
  }
  service.securityOpt.forEach((opt, i) => checkSecurityOpt(ctx, opt, i));
  for (const name of Object.keys(service.sysctls).filter((n) => !SAFE_SYSCTLS.has(n))) {
    reporter.report('sysctl-unsafe', {
      at: `sysctls.${name}`,
      message: `sysctl ${name} is outside the safe set Pod Security allows`,
      value: name,
      fix: 'remove it; node-level sysctls are set by the cluster administrator',
    });
  }
}

/**
 * Pod sysctls: the Compose `sysctls` in the safe set, and, when a container port is below 1024, the unprivileged
 * port range lowered to the lowest such port (a non-root process cannot bind it otherwise, and restricted grants
 * no NET_BIND_SERVICE). A lower Compose value of that sysctl is kept.
 */
export function sysctlOptions(ctx: ServiceContext, ports: readonly RolePort[]): Pick<WorkloadOptions, 'sysctls'> {
  const sysctls: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.service.sysctls)) {
    if (SAFE_SYSCTLS.has(name)) sysctls[name] = String(value);
  }
  const lowest = Math.min(...ports.map((p) => p.port));
  const declared = Number(sysctls[UNPRIVILEGED_PORT_START] ?? Infinity);
  if (lowest < 1024 && !(declared <= lowest)) sysctls[UNPRIVILEGED_PORT_START] = String(lowest);
  return Object.keys(sysctls).length ? { sysctls } : {};
}

function checkSecurityOpt(ctx: ServiceContext, opt: string, i: number): void {
  const [kind = '', value = ''] = opt.split(/[=:]/, 2);
  const at = `security_opt.${i}`;
  if (kind === 'no-new-privileges') {
    ctx.reporter.report('ignored-key', { at, message: 'no-new-privileges is implied: allowPrivilegeEscalation is false', value: opt });
  } else if ((kind === 'seccomp' || kind === 'apparmor') && value === 'unconfined') {
    ctx.reporter.report('security-opt-forbidden', { at, message: `${opt} is forbidden: restricted requires the RuntimeDefault or a Localhost profile`, value: opt, fix: `remove ${opt}` });
  } else {
    ctx.reporter.report('security-opt-ignored', {
      at,
      message: `${opt} is replaced by the RuntimeDefault seccomp profile`,
      value: opt,
      fix: 'install a Localhost profile on the nodes and set it in TypeScript if the default is not enough',
    });
  }
}
