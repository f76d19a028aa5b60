#!/usr/bin/env bash
# Installs every binary the e2e tests need, so a fresh machine needs nothing but this repository:
#   etcd, kube-apiserver, kube-controller-manager, kubectl  built from tools/k8s/go.mod (Go module proxy)
#   kube-score                                               go install at a pinned version
#   nca (np-guard network-config-analyzer), checkov          pip, each in its own virtualenv
#   the real node (kubelet, containerd, CoreDNS, kube-router, stand-in images)  see install_node
# Each lands in a cache outside the repo keyed by tool and version, ${WEBSTACK_TOOLS:-~/.cache/cdk8s-webstack}/
# <tool>-<version>/, and is linked into .tools/bin/ where test/support/tools.ts finds it. A tool already installed
# (it answers --version, or its install stamp matches) is skipped, so a warm run takes about a second; costs are
# in docs/cluster-tests.md.
# Usage: scripts/install-tools.sh [control_plane|kube_score|nca|checkov|peers|node]...   (default: all of them)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# go and pip keep their own caches under HOME; a bare CI environment may not set it.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE="${WEBSTACK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-webstack}"
LINKS="$ROOT/.tools/bin"
K8S_MODULE="$ROOT/tools/k8s"

KUBE_SCORE_VERSION=v1.20.0

# The machine's own Go builds everything: go.mod files here never ask for another toolchain.
export GOTOOLCHAIN=local
export GOFLAGS="-mod=readonly -buildvcs=false"

log() { printf 'install-tools: %s\n' "$*" >&2; }

# version_of MODULE: the version tools/k8s/go.mod resolved for MODULE, so go.mod is the one place it is pinned.
version_of() {
  (cd "$K8S_MODULE" && go list -m -f '{{.Version}}' "$1")
}

# ready BINARY ARGS...: true when BINARY exists and runs; a half-written or foreign binary does not count.
ready() {
  [[ -x "$1" ]] && "$@" >/dev/null 2>&1
}

# link NAME TARGET: publish TARGET as .tools/bin/NAME; ln -sfn replaces an older version's link atomically enough.
link() {
  ln -sfn "$2" "$LINKS/$1"
}

# version_stamp VERSION: the linker flags that make Kubernetes binaries report VERSION; without them they report
# v0.0.0-master, and kubectl warns about version skew.
version_stamp() {
  local minor="${1#v1.}"
  minor="${minor%%.*}"
  local stamp="-X k8s.io/component-base/version.gitVersion=$1 -X k8s.io/component-base/version.gitMajor=1"
  stamp+=" -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitVersion=$1"
  stamp+=" -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
  echo "$stamp"
}

# The four control-plane binaries share most of their packages, so one `go build` compiles them together.
install_control_plane() {
  local k8s etcd
  k8s="$(version_of k8s.io/kubernetes)"
  etcd="$(version_of go.etcd.io/etcd/server/v3)"
  local -A dirs=(
    [kube-apiserver]="$CACHE/kube-apiserver-$k8s"
    [kube-controller-manager]="$CACHE/kube-controller-manager-$k8s"
    [kubectl]="$CACHE/kubectl-$k8s"
    [etcd]="$CACHE/etcd-$etcd"
  )
  local missing=0 tool
  for tool in "${!dirs[@]}"; do
    if [[ $tool == kubectl ]]; then
      ready "${dirs[$tool]}/bin/$tool" version --client || missing=1
    else
      ready "${dirs[$tool]}/bin/$tool" --version || missing=1
    fi
  done
  if ((missing)); then
    log "building Kubernetes $k8s control plane and etcd $etcd (one-time: about 7 CPU-minutes, 5-15 minutes on 2 shared cores)"
    local out
    out="$(mktemp -d "$CACHE/.build.XXXXXX")"
    trap "rm -rf '$out'" EXIT # a failed build leaves no half-filled directory in the cache
    # providerless leaves out the in-tree cloud providers and their SDKs: much less to compile, none of it needed.
    (cd "$K8S_MODULE" && go build -trimpath -tags providerless -ldflags="-s -w $(version_stamp "$k8s")" -o "$out/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3)
    mv "$out/server" "$out/etcd" # go build names it after the path, less its /v3 suffix
    for tool in "${!dirs[@]}"; do
      rm -rf "${dirs[$tool]}"
      mkdir -p "${dirs[$tool]}/bin"
      mv "$out/$tool" "${dirs[$tool]}/bin/$tool"
    done
    rm -rf "$out"
    trap - EXIT
  fi
  for tool in "${!dirs[@]}"; do
    link "$tool" "${dirs[$tool]}/bin/$tool"
  done
}

# The real node's parts (docs/real-node.md). Debian: containerd, runc, the CNI plugins, iptables and ipset, and
# what builds the stand-in images; apt must not start containerd as a service, so a policy-rc.d refuses it while
# apt runs. Go: kubelet, kube-scheduler and kube-proxy from tools/k8s/go.mod like the control plane; CoreDNS and
# kube-router (its NetworkPolicy firewall) at pinned versions. Then the stand-in images (scripts/build-images.sh).
# Without root no node can run: skipped, and the real-node tests say so.
NODE_PACKAGES=(containerd runc containernetworking-plugins iptables ipset mmdebstrap umoci skopeo)
COREDNS_VERSION=v1.12.1
# The only kube-router/v2 release the module proxy serves here; it runs as a test node's firewall only, on a
# host-only bridge (kube-network-policies cannot run on this kernel: see scripts/real-node.sh).
KUBE_ROUTER_VERSION=v2.1.0

install_node() {
  if [[ $(id -u) != 0 ]]; then
    log "real node: not root, so no node can run here; its parts are not installed and its tests will say so"
    return 0
  fi
  local missing=() package
  for package in "${NODE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    local policy=/usr/sbin/policy-rc.d placed=0
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh
exit 101
' >"$policy" && chmod +x "$policy" && placed=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    ((placed == 0)) || rm -f "$policy"
  fi
  install_node_binaries
  install_go_tool coredns github.com/coredns/coredns "$COREDNS_VERSION" coredns
  install_go_tool kube-router github.com/cloudnativelabs/kube-router/v2/cmd/kube-router "$KUBE_ROUTER_VERSION" kube-router
  bash "$ROOT/scripts/build-images.sh" "$CACHE"
}

install_node_binaries() {
  local k8s tool missing=0
  k8s="$(version_of k8s.io/kubernetes)"
  for tool in kubelet kube-scheduler kube-proxy; do
    ready "$CACHE/$tool-$k8s/bin/$tool" --version || missing=1
  done
  if ((missing)); then
    log "building kubelet, kube-scheduler and kube-proxy $k8s (one-time: a few minutes)"
    local out
    out="$(mktemp -d "$CACHE/.build.XXXXXX")"
    trap "rm -rf '$out'" EXIT
    (cd "$K8S_MODULE" && go build -trimpath -tags providerless -ldflags="-s -w $(version_stamp "$k8s")" -o "$out/" \
      k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kube-proxy)
    for tool in kubelet kube-scheduler kube-proxy; do
      rm -rf "$CACHE/$tool-$k8s"
      mkdir -p "$CACHE/$tool-$k8s/bin"
      mv "$out/$tool" "$CACHE/$tool-$k8s/bin/$tool"
    done
    rm -rf "$out"
    trap - EXIT
  fi
  for tool in kubelet kube-scheduler kube-proxy; do link "$tool" "$CACHE/$tool-$k8s/bin/$tool"; done
}

# install_go_tool NAME PACKAGE VERSION BINARY: `go install PACKAGE@VERSION` into the cache, linked as NAME.
install_go_tool() {
  local name="$1" package="$2" version="$3" binary="$4"
  local dir="$CACHE/$name-$version"
  if [[ ! -x $dir/bin/$binary || ! -e $dir/installed ]]; then
    log "go install $package@$version"
    rm -rf "$dir"
    # Static: CoreDNS runs in an image that has no C library.
    CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$dir/bin" go install -trimpath -ldflags="-s -w" "$package@$version"
    touch "$dir/installed"
  fi
  link "$name" "$dir/bin/$binary"
}

install_kube_score() {
  local dir="$CACHE/kube-score-$KUBE_SCORE_VERSION"
  if ! ready "$dir/bin/kube-score" version; then
    log "go install kube-score $KUBE_SCORE_VERSION"
    rm -rf "$dir"
    # go install pkg@version ignores the repository's go.mod, so -mod=readonly must not be passed on.
    GOFLAGS=-buildvcs=false GOBIN="$dir/bin" go install -trimpath -ldflags="-s -w -X main.version=$KUBE_SCORE_VERSION" \
      "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
  fi
  link kube-score "$dir/bin/kube-score"
}

# install_pip TOOL PACKAGE: a PyPI tool in a virtualenv of its own, so its dependencies meet nothing else, from
# tools/linters/TOOL.requirements.txt, which pins PACKAGE and every dependency (a fresh machine gets the same set).
# A stamp holding the requirements' checksum marks a finished install (checkov takes seconds to answer --version),
# and a changed requirements file reinstalls.
install_pip() {
  local tool="$1" package="$2"
  local requirements="$ROOT/tools/linters/$tool.requirements.txt" version checksum
  version="$(sed -n "s/^$package==//p" "$requirements")"
  checksum="$(sha256sum <"$requirements")"
  local dir="$CACHE/$tool-$version"
  if [[ ! -x "$dir/venv/bin/$tool" || "$(cat "$dir/installed" 2>/dev/null)" != "$checksum" ]]; then
    log "pip install $tool $version"
    rm -rf "$dir"
    python3 -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    ready "$dir/venv/bin/$tool" --version
    printf '%s\n' "$checksum" >"$dir/installed"
  fi
  link "$tool" "$dir/venv/bin/$tool"
}

# np-guard's Go analyzer (netpol-analyzer) is not served by the module proxy here; its Python analyzer, NCA,
# is on PyPI and answers the same question (which pod pairs may connect, on which ports).
install_nca() {
  install_pip nca network-config-analyzer
}

# kube-linter is not served by the module proxy here; checkov's Kubernetes checks cover the same ground
# (security context, resources, probes, images, service accounts) and come from PyPI.
install_checkov() {
  install_pip checkov checkov
}

# kube-linter v0.8.3, np-guard's netpol-analyzer v1.4.4 (`netpolicy`) and kompose v1.38.0, built from the sources
# kept in ../shared/tools (the module proxy refuses them) by its own script, cached by version under $CACHE/peers.
install_peers() {
  local script="$ROOT/../shared/tools/build-peer-tools.sh"
  if [[ ! -f $script ]]; then
    log "peer tools: $script not found (../shared is not beside the repository); kube-linter, netpolicy and kompose are not installed"
    return 0
  fi
  local dest
  dest="$(WEBSTACK_TOOLS="$CACHE" bash "$script" "$CACHE/peers" | tail -n 1)"
  local tool
  for tool in kube-linter netpolicy kompose; do
    ready "$dest/bin/$tool" version || ready "$dest/bin/$tool" --help || { log "peer tools: $tool did not build"; return 1; }
    link "$tool" "$dest/bin/$tool"
  done
}

main() {
  mkdir -p "$CACHE" "$LINKS"
  # Several engineers (and jest workers) share one cache: serialise installs, never interleave two builds.
  exec 9>"$CACHE/.install.lock"
  flock 9
  local groups=("$@") group
  ((${#groups[@]})) || groups=(control_plane kube_score nca checkov peers node)
  for group in "${groups[@]}"; do
    "install_$group"
  done
}

main "$@"
