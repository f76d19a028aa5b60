#!/usr/bin/env bash
# A throwaway Kubernetes node on this machine, for the real-node tests (test/support/node.ts runs it; the parts
# and the facts behind them are in ../shared/design/real-node.md and docs/real-node.md):
#   containerd + runc (Debian), a bridge CNI on a host-only subnet, kubelet, kube-scheduler and kube-proxy
#   (built with the control plane), CoreDNS (a kube-dns pod) answering cluster names only, and
#   kube-router's firewall enforcing NetworkPolicies.
#
#   real-node.sh up RUNDIR WATCH_PID ADMIN_KUBECONFIG NODE_KUBECONFIG
#       Takes the machine-wide lock (waits for another run to finish), records what it will change, starts the
#       node and returns. A guardian process stays behind: when WATCH_PID exits or `down` asks, it tears the node
#       down and undoes every side effect, so a killed test run leaves nothing behind either.
#   real-node.sh tag RUNDIR SOURCE TARGET
#       Stores an imported image under another name too (a stand-in for a converted project's image).
#   real-node.sh down RUNDIR
#       Asks the guardian to tear down and waits for it.
#
# Needs root (network namespaces, mounts, iptables). Everything it creates lives under RUNDIR, except what the
# kubelet, CNI and kube-proxy insist on (fixed paths, sysctls, iptables chains): those are recorded before and
# restored after.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.tools"
LOCK=/run/lock/cdk8s-webstack-node.lock

# Host-only addresses: pods on a bridge that is not connected to any interface, Services on the API server's range.
BRIDGE=webstack0
SUBNET=10.123.45.0/24
GATEWAY=10.123.45.1
TEST_HOST=10.123.45.250
SERVICE_RANGE=10.96.0.0/24 # the API server's --service-cluster-ip-range (test/support/cluster.ts)
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
RULE_COMMENT=cdk8s-webstack-node # marks the iptables rules this script adds, for the teardown
NODE_NAME=webstack-node
# Paths the kubelet, CNI and containerd use whatever they are told; removed afterwards unless they existed.
FIXED_PATHS=(/var/log/pods /var/log/containers /var/lib/cni /var/lib/kubelet /usr/libexec/kubernetes /run/containerd /var/run/netns)
# Sysctls the kubelet, kube-proxy and the bridge plugin set.
SYSCTLS=(vm.overcommit_memory kernel.panic kernel.panic_on_oops net.ipv4.ip_forward net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables)

log() { printf 'real-node: %s\n' "$*" >&2; }

# start NAME COMMAND...: a node process in its own session (so a signal to the test run does not reach it first),
# without the lock's descriptor, logging to RUNDIR/logs/NAME.log.
start() {
  local name="$1"
  shift
  setsid "$@" >"$RUN/logs/$name.log" 2>&1 9>&- </dev/null &
  echo $! >"$RUN/pids/$name"
}

wait_for() {
  local what="$1" tries="$2"
  shift 2
  for ((i = 0; i < tries; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "timed out waiting for $what"
  return 1
}

ctr_() { ctr --address "$RUN/containerd.sock" --namespace k8s.io "$@"; }

record() {
  local path
  for path in "${FIXED_PATHS[@]}"; do [[ -e $path ]] || echo "$path"; done >"$RUN/undo/created-paths"
  local key
  for key in "${SYSCTLS[@]}"; do
    [[ ! -e /proc/sys/${key//.//} ]] || echo "$key=$(sysctl -n "$key")"
  done >"$RUN/undo/sysctls"
  ls /var/run/netns 2>/dev/null | sort >"$RUN/undo/netns-before" || true
}

network() {
  if ip -4 route show | grep -q "^${SUBNET%/*}"; then
    log "$SUBNET is already routed on this machine (another node, or a leftover of a killed run: see 'ip route')"
    return 1
  fi
  ip link add "$BRIDGE" type bridge
  ip addr add "$GATEWAY/${SUBNET#*/}" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # Bridged traffic passes iptables, so kube-proxy's Service rules apply between pods on the bridge (br_netfilter).
  sysctl -qw net.bridge.bridge-nf-call-iptables=1
  # Service addresses the node has no rule for (yet) go to the bridge, never out of the default route.
  ip route add "$SERVICE_RANGE" dev "$BRIDGE"
  mkdir -p "$RUN/cni"
  # No default route, portmap or masquerade: pods reach the bridge's subnet and, through the node, the Service
  # range, never anything beyond.
  cat >"$RUN/cni/10-webstack.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "webstack", "plugins": [{"type": "bridge", "bridge": "$BRIDGE", "isGateway": true,
  "ipMasq": false, "hairpinMode": true, "ipam": {"type": "host-local", "ranges": [[{"subnet": "$SUBNET",
  "gateway": "$GATEWAY"}]], "routes": [{"dst": "$SERVICE_RANGE"}], "dataDir": "$RUN/cni-ipam"}}]}
EOF
}

# A host that is not part of the cluster, in a network namespace of its own on the bridge, serving HTTP: what a pod
# must not reach when its NetworkPolicies allow no such egress (and what the node itself can reach, as a control).
test_host() {
  ip netns add webstack-test-host
  ip link add webstack-th0 type veth peer name eth0 netns webstack-test-host
  ip link set webstack-th0 master "$BRIDGE" up
  ip -n webstack-test-host addr add "$TEST_HOST/${SUBNET#*/}" dev eth0
  ip -n webstack-test-host link set eth0 up
  ip -n webstack-test-host link set lo up
  mkdir -p "$RUN/test-host"
  echo "test host" >"$RUN/test-host/index.html"
  start test-host ip netns exec webstack-test-host python3 -m http.server 8081 --bind "$TEST_HOST" --directory "$RUN/test-host"
}

containerd_() {
  mkdir -p "$RUN/containerd"
  cat >"$RUN/containerd/config.toml" <<EOF
version = 2
root = "$RUN/containerd/root"
state = "$RUN/containerd/state"
[grpc]
  address = "$RUN/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "webstack.local/pause:1"
  # The machine's capability bounding set lacks CAP_SYS_RESOURCE.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$RUN/cni"
EOF
  start containerd containerd --config "$RUN/containerd/config.toml"
  wait_for containerd 150 ctr_ version
  local image
  for image in "$TOOLS"/images/*.tar; do ctr_ images import --no-unpack "$image" >/dev/null; done
}

# CoreDNS as the kube-dns pod of kube-system behind the kube-dns Service, as on a real cluster: the stack's
# NetworkPolicies allow DNS to exactly such pods. It answers cluster names only (anything else is NXDOMAIN), so no
# query leaves the machine. It reads the API at the kubernetes Service address (see api_for_pods).
coredns() {
  local kubeconfig
  kubeconfig="$("$TOOLS/bin/kubectl" --kubeconfig="$ADMIN" config view --raw --flatten --minify | sed "s|server: .*|server: https://$API_SERVICE_IP:443|")"
  "$TOOLS/bin/kubectl" --kubeconfig="$ADMIN" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Secret
metadata: {name: coredns, namespace: kube-system}
stringData:
  Corefile: |
    cluster.local:53 in-addr.arpa:53 ip6.arpa:53 {
      errors
      ready :8181
      kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig /etc/coredns/kubeconfig e2e
        pods insecure
      }
    }
    .:53 {
      template ANY ANY {
        rcode NXDOMAIN
      }
    }
  kubeconfig: |
$(sed 's/^/    /' <<<"$kubeconfig")
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  dnsPolicy: Default
  automountServiceAccountToken: false
  containers:
    - name: coredns
      image: webstack.local/coredns:1
      imagePullPolicy: Never
      args: [-conf, /etc/coredns/Corefile]
      readinessProbe: {httpGet: {path: /ready, port: 8181}, periodSeconds: 2}
      volumeMounts: [{name: config, mountPath: /etc/coredns, readOnly: true}]
  volumes: [{name: config, secret: {secretName: coredns}}]
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  clusterIP: $DNS_SERVICE_IP
  selector: {k8s-app: kube-dns}
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
EOF
}

# Pods reach the API server (on the machine's loopback) at the kubernetes Service address, whose name and address
# its certificate carries: a DNAT from the bridge to loopback, which the bridge's route_localnet allows.
api_for_pods() {
  local server
  server="$("$TOOLS/bin/kubectl" --kubeconfig="$ADMIN" config view --raw --minify -o 'jsonpath={.clusters[0].cluster.server}')"
  sysctl -qw "net.ipv4.conf.$BRIDGE.route_localnet=1"
  # Ahead of kube-proxy's Service rules (which insert themselves first): it sends loopback endpoints nowhere.
  wait_for "kube-proxy's rules" 300 iptables -t nat -C PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
  iptables -t nat -I PREROUTING -i "$BRIDGE" -d "$API_SERVICE_IP" -p tcp --dport 443 -m comment --comment "$RULE_COMMENT" \
    -j DNAT --to-destination "${server#https://}"
}

kubelet() {
  mkdir -p "$RUN/kubelet"
  # Anonymous access with AlwaysAllow on the bridge address only: the API server reaches it for logs and exec.
  cat >"$RUN/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failSwapOn: false
address: $GATEWAY
port: 10250
readOnlyPort: 0
healthzPort: 0
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: cluster.local
resolvConf: $RUN/resolv.conf
evictionHard: {memory.available: "1%", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
containerRuntimeEndpoint: unix://$RUN/containerd.sock
EOF
  : >"$RUN/resolv.conf" # pods get the cluster DNS only, never the host's resolvers
  start kubelet "$TOOLS/bin/kubelet" --config="$RUN/kubelet.yaml" --kubeconfig="$NODE" --hostname-override="$NODE_NAME" \
    --node-ip="$GATEWAY" --root-dir="$RUN/kubelet" --cert-dir="$RUN/kubelet-pki" --v=1
  start kube-scheduler "$TOOLS/bin/kube-scheduler" --kubeconfig="$ADMIN" --secure-port=0 --leader-elect=false
  start kube-proxy "$TOOLS/bin/kube-proxy" --kubeconfig="$ADMIN" --hostname-override="$NODE_NAME" --cluster-cidr="$SUBNET" \
    --proxy-mode=iptables --metrics-bind-address=127.0.0.1:10249 --healthz-bind-address=127.0.0.1:10256 --conntrack-max-per-core=0
  network_policies
}

# NetworkPolicies are enforced by kube-router's firewall alone (iptables and ipset; no routing, no service proxy,
# no CNI). kube-network-policies, the first choice, cannot run on this kernel: it sends packets to user space with
# the nftables `queue` expression, and the kernel is built without CONFIG_NFT_QUEUE and cannot load modules
# (docs/real-node.md).
network_policies() {
  wait_for "the node to register" 300 "$TOOLS/bin/kubectl" --kubeconfig="$ADMIN" get node "$NODE_NAME" # kube-router needs it
  start kube-router "$TOOLS/bin/kube-router" --kubeconfig="$ADMIN" --hostname-override="$NODE_NAME" --run-firewall=true \
    --run-router=false --run-service-proxy=false --enable-cni=false --health-port=0 --metrics-port=0
}

# Kills every process in the kubelet's pod cgroups (containers and sandboxes), then the shims of this containerd.
kill_pods() {
  local procs
  for procs in $(find /sys/fs/cgroup/*/kubepods -name cgroup.procs 2>/dev/null); do
    { xargs -r kill -9 <"$procs"; } 2>/dev/null || true # a cgroup may be gone by now
  done
  pkill -9 -f "containerd-shim-runc-v2 .*-address $RUN/containerd.sock" 2>/dev/null || true
  sleep 0.5
}

stop_process() {
  local pid
  pid="$(cat "$RUN/pids/$1" 2>/dev/null)" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

teardown() {
  set +e
  local name
  for name in test-host kube-router kube-proxy kube-scheduler kubelet; do stop_process "$name"; done
  [[ ! -x $TOOLS/bin/kube-proxy ]] || "$TOOLS/bin/kube-proxy" --cleanup >>"$RUN/logs/kube-proxy.log" 2>&1
  [[ ! -x $TOOLS/bin/kube-router ]] || "$TOOLS/bin/kube-router" --cleanup-config >>"$RUN/logs/kube-router.log" 2>&1
  kill_pods
  stop_process containerd
  kill_pods
  # Mounts under RUNDIR (rootfs, secrets, emptyDirs), deepest first; then the network namespaces of this run.
  awk -v run="$RUN" 'index($5, run) == 1 { print $5 }' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l
  comm -13 "$RUN/undo/netns-before" <(ls /var/run/netns 2>/dev/null | sort) | while read -r ns; do
    umount -l "/var/run/netns/$ns" 2>/dev/null; rm -f "/var/run/netns/$ns"
  done
  # Pod cgroups, deepest first, in every hierarchy.
  find /sys/fs/cgroup/*/kubepods -depth -type d -exec rmdir {} + 2>/dev/null
  ip netns delete webstack-test-host 2>/dev/null
  ip link delete "$BRIDGE" 2>/dev/null
  # iptables: the chains the kubelet, kube-proxy and kube-router made (KUBE-*), the rules that jump to them, and
  # this script's own rules; nothing else.
  local tool
  for tool in iptables ip6tables; do
    "$tool-save" | grep -v -e 'KUBE-' -e "$RULE_COMMENT" >"$RUN/undo/$tool.rules" && "$tool-restore" <"$RUN/undo/$tool.rules"
  done
  while IFS='=' read -r key value; do sysctl -qw "$key=$value"; done <"$RUN/undo/sysctls"
  while read -r path; do rm -rf "$path"; done <"$RUN/undo/created-paths"
  find "$RUN" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
  log "torn down; logs in $RUN/logs"
}

guard() {
  exec 9>"$LOCK"
  if ! flock -w 900 9; then
    log "another real-node run has held $LOCK for 15 minutes"
    echo failed >"$RUN/state"
    return 1
  fi
  echo locked >"$RUN/state"
  while kill -0 "$WATCH" 2>/dev/null && [[ ! -e $RUN/stop ]]; do sleep 1; done
  teardown >>"$RUN/logs/teardown.log" 2>&1
  echo down >"$RUN/state"
}

up() {
  mkdir -p "$RUN/logs" "$RUN/pids" "$RUN/undo"
  setsid bash "$ROOT/scripts/real-node.sh" guard "$RUN" "$WATCH" </dev/null >>"$RUN/logs/guard.log" 2>&1 &
  local guardian=$!
  # The guardian waits up to 15 minutes for the lock (another run on this machine), or fails.
  until grep -qx -e locked -e failed "$RUN/state" 2>/dev/null; do
    kill -0 "$guardian" 2>/dev/null || { log "the guardian exited: $(cat "$RUN/logs/guard.log")"; return 1; }
    sleep 0.2
  done
  grep -qx locked "$RUN/state" || return 1
  record
  network
  test_host
  containerd_
  kubelet
  api_for_pods
  coredns
  running
}

# Fails when a component has exited since it was started (a bad flag, a port in use), naming it with its log.
running() {
  sleep 2
  local pidfile
  for pidfile in "$RUN"/pids/*; do
    kill -0 "$(cat "$pidfile")" 2>/dev/null && continue
    log "$(basename "$pidfile") exited: $(tail -5 "$RUN/logs/$(basename "$pidfile").log")"
    return 1
  done
}

command="$1"
RUN="$(realpath -m "$2")"
case "$command" in
  up)
    WATCH="$3" ADMIN="$4" NODE="$5"
    if ! up; then
      log "start failed; tearing down"
      touch "$RUN/stop"
      wait_for "teardown" 600 grep -qx down "$RUN/state"
      exit 1
    fi
    ;;
  guard)
    WATCH="$3"
    guard
    ;;
  tag)
    # real-node.sh tag RUNDIR SOURCE TARGET: a stand-in under one more name (a converted project's image).
    ctr_ images tag --force "$3" "$4" >/dev/null
    ;;
  down)
    touch "$RUN/stop"
    wait_for "teardown" 900 grep -qx -e down -e failed "$RUN/state"
    ;;
  *)
    echo "usage: $0 up RUNDIR WATCH_PID ADMIN_KUBECONFIG NODE_KUBECONFIG | tag RUNDIR SOURCE TARGET | down RUNDIR" >&2
    exit 2
    ;;
esac
