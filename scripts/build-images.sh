#!/usr/bin/env bash
# Builds the stand-in images of test/node/images (see its README) from Debian packages: mmdebstrap makes the root
# file system, umoci an OCI image of it with the user, entrypoint and environment, skopeo a docker-archive under
# the name the manifests use. Each lands in $CACHE/images/<name>-<key>.tar, where the key hashes the definition and
# the Debian versions of its packages, so a new package version or an edited file rebuilds only that image; the
# tars are linked into .tools/images/ for the node harness (test/support/node.ts) to import.
# Usage: scripts/build-images.sh CACHE [NAME...]   (default: every image)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$1"
shift
DEFINITIONS="$ROOT/test/node/images"
LINKS="$ROOT/.tools/images"
SUITE=bookworm

log() { printf 'build-images: %s\n' "$*" >&2; }

# key NAME: the definition's files (and those it includes) and the candidate versions of its packages.
key() {
  local dir="$DEFINITIONS/$1" include packages
  include="$(sed -n 's/^INCLUDE=//p' "$dir/image.env")"
  packages="$(. "$dir/image.env" && echo "${PACKAGES:-}")"
  {
    (cd "$DEFINITIONS" && find "$1" ${include:+"$include"} -type f -print0 | sort -z | xargs -0 sha256sum)
    [[ -z $packages ]] || apt-cache show --no-all-versions $packages | grep -E '^(Package|Version):'
    for binary in $(. "$dir/image.env" && echo "${BINARIES:-}"); do sha256sum <"$ROOT/.tools/bin/$binary"; done
  } | sha256sum | cut -c1-16
}

build() {
  local name="$1" dir="$DEFINITIONS/$1"
  local IMAGE="" PACKAGES="" BINARIES="" SETUP="" USER="" ENTRYPOINT="" CMD="" WORKDIR="" ENV="" INCLUDE=""
  # shellcheck disable=SC1091
  . "$dir/image.env"
  local out="$CACHE/images/$name-$(key "$name").tar"
  if [[ ! -s $out ]]; then
    log "building $name ($IMAGE) from Debian $SUITE: ${PACKAGES:-no packages}"
    local work
    work="$(mktemp -d)"
    trap "rm -rf '$work'" RETURN
    mkdir -p "$work/files"
    [[ -z $INCLUDE ]] || cp -a "$DEFINITIONS/$INCLUDE/files/." "$work/files/"
    [[ ! -d $dir/files ]] || cp -a "$dir/files/." "$work/files/"
    local binary
    for binary in $BINARIES; do install -D "$ROOT/.tools/bin/$binary" "$work/files/usr/local/bin/$binary"; done
    if [[ -f $dir/pause.go ]]; then
      (cd "$dir" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false GO111MODULE=off go build -trimpath -ldflags="-s -w" -o "$work/files/pause" pause.go)
    fi
    if [[ -n $PACKAGES ]]; then
      # Documentation, manuals and translations are left out: smaller images, faster imports.
      mmdebstrap --quiet --variant=essential --include="${PACKAGES// /,}" \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' --customize-hook="sync-in '$work/files' /" \
        --customize-hook="chroot \"\$1\" sh -ec '${SETUP:-true}'" \
        "$SUITE" "$work/rootfs.tar"
    else
      tar -C "$work/files" --owner=0 --group=0 -cf "$work/rootfs.tar" .
    fi
    local -a config=(--config.user "$USER")
    local word
    for word in $ENTRYPOINT; do config+=(--config.entrypoint "$word"); done
    for word in $CMD; do config+=(--config.cmd "$word"); done
    for word in $ENV; do config+=(--config.env "$word"); done
    [[ -z $WORKDIR ]] || config+=(--config.workingdir "$WORKDIR")
    umoci init --layout "$work/oci"
    umoci new --image "$work/oci:image"
    umoci raw add-layer --image "$work/oci:image" "$work/rootfs.tar"
    umoci config --image "$work/oci:image" "${config[@]}"
    mkdir -p "$CACHE/images"
    skopeo copy --quiet "oci:$work/oci:image" "docker-archive:$out.partial:$IMAGE"
    rm -f "$CACHE/images/$name"-*.tar
    mv "$out.partial" "$out"
  fi
  mkdir -p "$LINKS"
  ln -sfn "$out" "$LINKS/$name.tar"
}

names=("$@")
((${#names[@]})) || mapfile -t names < <(cd "$DEFINITIONS" && ls -d */ | tr -d /)
for name in "${names[@]}"; do build "$name"; done
