#!/usr/bin/env bash
# Installs every binary the e2e tests need, so a fresh machine needs nothing but this repository:
#   etcd, kube-apiserver, kube-controller-manager, kubectl  built from tools/k8s/go.mod (Go module proxy)
#   kube-score                                               go install at a pinned version
#   nca (np-guard network-config-analyzer), checkov          pip, each in its own virtualenv
# Each lands in a cache outside the repo keyed by tool and version, ${WEBSTACK_TOOLS:-~/.cache/cdk8s-webstack}/
# <tool>-<version>/, and is linked into .tools/bin/ where test/support/tools.ts finds it. A tool already installed
# (it answers --version, or its install stamp matches) is skipped, so a warm run takes about a second; costs are
# in docs/cluster-tests.md.
# Usage: scripts/install-tools.sh [control_plane|kube_score|nca|checkov]...   (default: all of them)
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
    local out minor="${k8s#v1.}"
    out="$(mktemp -d "$CACHE/.build.XXXXXX")"
    trap "rm -rf '$out'" EXIT # a failed build leaves no half-filled directory in the cache
    minor="${minor%%.*}"
    # Without these the binaries report v0.0.0-master, and kubectl warns about version skew.
    local stamp="-X k8s.io/component-base/version.gitVersion=$k8s -X k8s.io/component-base/version.gitMajor=1"
    stamp+=" -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitVersion=$k8s"
    stamp+=" -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
    # providerless leaves out the in-tree cloud providers and their SDKs: much less to compile, none of it needed.
    (cd "$K8S_MODULE" && go build -trimpath -tags providerless -ldflags="-s -w $stamp" -o "$out/" \
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
  ((${#groups[@]})) || groups=(control_plane kube_score nca checkov peers)
  for group in "${groups[@]}"; do
    "install_$group"
  done
}

main "$@"
