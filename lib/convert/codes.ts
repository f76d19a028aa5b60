import { type CodeTable, diagnosticFactory } from '../errors';

/**
 * Every diagnostic code the converter emits, with its severity. Codes are a contract (tests, `--strict` users
 * and CI filters match on them): never rename or reuse one. The summary is what the code means; each message
 * adds the service, the value and what Kubernetes does instead.
 */
export const CONVERT_CODES = {
  // images and roles
  'image-missing': { severity: 'error', summary: 'a service has no image (only build); the converter never builds' },
  'image-invalid': { severity: 'error', summary: 'an image is not a valid image reference' },
  'image-untagged': { severity: 'error', summary: 'an image has neither tag nor digest, so every pull may differ' },
  'image-latest': { severity: 'error', summary: 'an image is tagged latest, so every pull may differ' },
  'image-override-unknown': { severity: 'error', summary: '--image names a service the project does not have' },
  'build-ignored': { severity: 'info', summary: 'build is ignored; the image reference is deployed' },
  'pull-policy-build': { severity: 'error', summary: 'pull_policy build needs a local build, which a cluster cannot do' },
  'pull-policy-ignored': { severity: 'info', summary: 'pull_policy is replaced by the role pull policy (IfNotPresent)' },
  'service-name-invalid': { severity: 'error', summary: 'a service name cannot name Kubernetes objects (digit first, or a stack object\'s name)' },
  'role-detected': { severity: 'info', summary: 'which role a service became, and why' },
  'role-unavailable': { severity: 'warning', summary: 'the detected or requested role cannot be built; a generic role is used' },
  'role-overrides-command': { severity: 'warning', summary: 'a database role runs its own server command; the Compose command is not used' },
  'role-adds-password': { severity: 'info', summary: 'the Redis role keeps the password Compose set, from a Secret the user creates' },
  'redis-without-password': { severity: 'warning', summary: 'redis had no password in Compose and gets none; only NetworkPolicies limit access' },
  'proxy-replaced': { severity: 'info', summary: 'the proxy becomes the stack nginx proxy; the Compose proxy image and config are not used' },
  // x-webstack
  'x-webstack-unknown-key': { severity: 'error', summary: 'an x-webstack block has a key the converter does not know' },
  'x-webstack-invalid': { severity: 'error', summary: 'an x-webstack value has the wrong type or range' },
  // command and process
  'entrypoint-cleared': { severity: 'warning', summary: 'entrypoint: [] cannot clear the image entrypoint in Kubernetes' },
  'tty-on-server': { severity: 'warning', summary: 'tty/stdin_open on a long-running server role' },
  'init-ignored': { severity: 'warning', summary: 'init: true has no pod equivalent' },
  'lifecycle-hook-forbidden': { severity: 'error', summary: 'a post_start/pre_stop hook asks for privileges or another user' },
  // environment
  'file-refused': { severity: 'error', summary: 'a file outside the project (without --allow-path), a kernel file, a non-regular or too large file is never read' },
  'env-unset': { severity: 'warning', summary: 'a variable has no value; it is referenced from the Secret the user creates' },
  'env-name-invalid': { severity: 'warning', summary: 'a variable name Kubernetes 1.28 rejects (letters, digits, -, . and _, not starting with a digit) is left out' },
  'env-managed-by-role': { severity: 'info', summary: 'a variable the role sets itself (PGDATA) is not copied' },
  'env-secret': { severity: 'info', summary: 'secret-looking variables become Secret references; values are not written' },
  'secret-referenced': { severity: 'info', summary: 'a secret value in a command or probe is read from the environment at run time, not written' },
  'secret-in-output': { severity: 'error', summary: 'a secret value would be written where Kubernetes cannot reference it' },
  'secret-value-is-a-name': { severity: 'warning', summary: 'a secret value equals a name the manifests must contain, so it cannot be kept out of them' },
  'config-holds-secret': { severity: 'warning', summary: 'a mounted config file holds credentials; it becomes a Secret the user creates' },
  // health
  'healthcheck-no-test': { severity: 'warning', summary: 'a healthcheck sets timings but no test (the image\'s own HEALTHCHECK); the role default probes apply' },
  'healthcheck-empty': { severity: 'warning', summary: 'a healthcheck test has no command; the role default probes apply' },
  'healthcheck-disabled': { severity: 'info', summary: 'the healthcheck is disabled; the role default probes apply' },
  'healthcheck-subsecond': { severity: 'warning', summary: 'a probe timing below one second was rounded up' },
  'probe-missing': { severity: 'warning', summary: 'a portless service without healthcheck gets no probes' },
  'probe-default-tcp': { severity: 'warning', summary: 'no healthcheck on an unknown image: a TCP probe on its first port is used' },
  // lifecycle and restart
  'stop-signal-ignored': { severity: 'warning', summary: 'stop_signal has no pod field in Kubernetes 1.28' },
  'restart-policy-field-ignored': { severity: 'warning', summary: 'deploy.restart_policy delay/window have no Kubernetes equivalent' },
  // deploy
  'deploy-global': { severity: 'error', summary: 'deploy.mode global (one per node) is not a stack role' },
  'update-config-field-ignored': { severity: 'warning', summary: 'an update_config field has no Kubernetes equivalent' },
  'rollback-config-ignored': { severity: 'warning', summary: 'rollback_config has no Kubernetes equivalent (use kubectl rollout undo)' },
  'endpoint-mode-ignored': { severity: 'warning', summary: 'endpoint_mode is ignored; Services are ClusterIP' },
  'placement-constraint-invalid': { severity: 'error', summary: 'a placement constraint has a form that cannot become node affinity' },
  'max-replicas-per-node-ignored': { severity: 'warning', summary: 'max_replicas_per_node has no exact Kubernetes equivalent' },
  'replicas-invalid': { severity: 'error', summary: 'a replica count is negative, fractional or beyond int32' },
  'replicas-with-rwo-volume': { severity: 'error', summary: 'more than one replica share a ReadWriteOnce volume' },
  'platform-unsupported': { severity: 'warning', summary: 'a platform is not linux/<arch>' },
  // resources
  'resources-request-above-limit': { severity: 'error', summary: 'a reservation exceeds its limit' },
  'resources-invalid': { severity: 'error', summary: 'a cpu or memory amount is zero, negative or beyond any node' },
  'resources-conflict': { severity: 'error', summary: 'mem_limit/cpus and deploy.resources disagree' },
  'devices-forbidden': { severity: 'error', summary: 'device access needs device plugins and is outside restricted' },
  // storage
  'volume-host-path': { severity: 'warning', summary: 'a host path outside the project becomes a claim (hostPath is forbidden under restricted; nothing outside the project is read)' },
  'volume-host-system': { severity: 'error', summary: 'a host system path (/proc, /sys, /dev, /etc, /var/lib/docker, ...) needs hostPath, which restricted forbids' },
  'volume-time-zone': { severity: 'warning', summary: '/etc/localtime or /etc/timezone is not mounted; set TZ instead' },
  'volume-docker-socket': { severity: 'error', summary: 'the Docker socket cannot be mounted in Kubernetes' },
  'volume-source-code': { severity: 'warning', summary: 'a source-code bind mount is dropped; the image must contain the code' },
  'volume-bind-missing': { severity: 'warning', summary: 'a bind mount source does not exist (Compose creates it at up); it becomes a claim' },
  'volume-config-too-large': { severity: 'warning', summary: 'bind-mounted config exceeds what a ConfigMap holds (1 MiB); it becomes a claim' },
  'volume-secret-file': { severity: 'warning', summary: 'a key/certificate/credential file becomes a Secret the user creates' },
  'volume-target-relative': { severity: 'error', summary: 'a mount target in the container is not an absolute path' },
  'volume-anonymous': { severity: 'warning', summary: 'an anonymous volume becomes an emptyDir; data is lost on reschedule' },
  'volume-shared': { severity: 'warning', summary: 'a volume mounted by several services is one ReadWriteOnce claim, so all their pods run on one node' },
  'volume-shared-rwx': { severity: 'warning', summary: 'a named volume mounted by several services becomes one ReadWriteMany claim of --rwx-storage-class' },
  'volume-stateless-claim': { severity: 'warning', summary: 'a named volume on a stateless role pins it to one replica and node' },
  'volume-option-ignored': { severity: 'warning', summary: 'a volume driver, option or tmpfs mode has no Kubernetes equivalent' },
  'volumes-from-unsupported': { severity: 'error', summary: 'volumes_from has no Kubernetes equivalent across pods' },
  'config-from-environment': { severity: 'warning', summary: 'a config takes its content from a variable, which is never read' },
  'secret-owner-ignored': { severity: 'warning', summary: 'secret/config uid/gid are ignored; fsGroup owns mounted files' },
  // security
  'user-root': { severity: 'warning', summary: 'uid 0 is forbidden by Pod Security restricted; the image family\'s non-root uid (or the application default) is used' },
  'user-name': { severity: 'warning', summary: 'a user name cannot be resolved to a uid outside the image; the image family\'s uid (or the application default) is used' },
  'user-invalid': { severity: 'error', summary: 'a uid or gid is beyond the int32 Kubernetes stores' },
  'user-unset': { severity: 'warning', summary: 'no user and an unknown image: its USER must be numeric and non-root' },
  'group-add-name': { severity: 'error', summary: 'group_add needs numeric gids' },
  'cap-add-forbidden': { severity: 'error', summary: 'restricted allows only NET_BIND_SERVICE in capabilities.add' },
  'cap-add-net-bind': { severity: 'info', summary: 'NET_BIND_SERVICE is allowed, but an unprivileged port is better' },
  'privileged-forbidden': { severity: 'error', summary: 'privileged containers are forbidden by Pod Security baseline' },
  'host-namespace-forbidden': { severity: 'error', summary: 'host network/pid/ipc namespaces are forbidden by Pod Security baseline' },
  'security-opt-forbidden': { severity: 'error', summary: 'unconfined seccomp/apparmor is forbidden by restricted' },
  'security-opt-ignored': { severity: 'warning', summary: 'a security_opt is replaced by the RuntimeDefault profile' },
  'sysctl-unsafe': { severity: 'error', summary: 'a sysctl is outside the Pod Security safe set' },
  'network-mode-sidecar': { severity: 'warning', summary: 'network_mode service:X is not merged into X; the service gets its own pod' },
  // networking
  'port-invalid': { severity: 'error', summary: 'a port Kubernetes cannot take: outside 1-65535, a protocol other than TCP/UDP/SCTP, or too long a range' },
  'port-privileged-sysctl': { severity: 'warning', summary: 'a container port below 1024 is allowed by the pod sysctl net.ipv4.ip_unprivileged_port_start' },
  'port-inferred': { severity: 'info', summary: 'a service without ports gets the port its healthcheck, command, labels or dependents name' },
  'port-from-image': { severity: 'info', summary: 'a service without ports gets the well-known ports of its image' },
  'port-not-exposed': { severity: 'warning', summary: 'a published port of an internal service stays inside the cluster' },
  'port-host-binding-ignored': { severity: 'warning', summary: 'host_ip / mode host are ignored; hostPort is forbidden' },
  'service-without-port': { severity: 'warning', summary: 'a dependency has no known port: start order only, no Service and no connection' },
  'no-shared-network': { severity: 'warning', summary: 'a dependency shares no network with its dependent, so no edge is made' },
  'network-external': { severity: 'warning', summary: 'external networks/links need an explicit egress rule' },
  'network-alias-ignored': { severity: 'warning', summary: 'network aliases and fixed addresses have no Kubernetes equivalent' },
  'edge-from-name': { severity: 'info', summary: 'an env value or the command names another service as a host, so that connection is allowed' },
  'label-not-copied': { severity: 'warning', summary: 'a label is router configuration or secret-looking and is not copied' },
  'dns-nameservers-ignored': { severity: 'warning', summary: 'replacing nameservers breaks Service discovery' },
  'depends-on-optional-missing': { severity: 'info', summary: 'an optional dependency is not in the project' },
  'namespace-reserved': { severity: 'error', summary: 'the namespace is default or kube-*, which the stack must not take over' },
  // everything else
  'unsupported-key': { severity: 'warning', summary: 'a Compose key has no Kubernetes equivalent and is not converted' },
  'ignored-key': { severity: 'info', summary: 'a Compose key is deliberately not converted (names, profiles, extends)' },
} as const satisfies CodeTable;

export type ConvertCode = keyof typeof CONVERT_CODES;

/** Builds a converter diagnostic whose severity is the one registered for `code`. */
export const convertDiagnostic = diagnosticFactory(CONVERT_CODES);
