#!/usr/bin/env bash
# Builds the pinned tools that `npm run verify` runs, from their Go modules, into a cache folder outside the
# repository, once per machine. Prints `cache=<folder>` and `<tool>=<binary>` for each tool on standard output, and
# its progress on standard error.
#
#   LANDING_ZONE_TOOLS   cache folder (default: ${XDG_CACHE_HOME:-$HOME/.cache}/landing-zone-tools)
#
# A tool counts as installed only when its binary is in place: each build goes to a temporary folder and is moved in
# when it succeeded, so an interrupted build is simply redone. A lock keeps two runs from building at once.
#
# Not here: Terraform/OpenTofu with the AWS provider for `validate` (scripts/verify/README.md says why).
set -euo pipefail

readonly TRIVY_VERSION=0.74.0
readonly ACTIONLINT_VERSION=1.7.12

cache="${LANDING_ZONE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/landing-zone-tools}"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

log() { printf '[install-tools] %s\n' "$*" >&2; }

# go_install BINARY PACKAGE@VERSION [LDFLAGS]: install one Go command to $cache/<binary>-<version>/BINARY unless it is
# there.
go_install() {
  local binary=$1 package=$2 ldflags=${3:-}
  local version=${package##*@v}
  local dest="$cache/$binary-$version/$binary"
  if [[ -x "$dest" ]]; then return 0; fi
  local tmp
  tmp=$(mktemp -d "$cache/.build-XXXXXX")
  log "building $binary $version from its Go module (once per machine)"
  local started=$SECONDS
  # -trimpath and no symbol tables: smaller binaries and a faster link; CGO off: no C toolchain needed.
  CGO_ENABLED=0 GOBIN="$tmp" go install -trimpath -ldflags="-s -w $ldflags" "$package"
  mkdir -p "$(dirname "$dest")"
  mv "$tmp/$binary" "$dest"
  rm -rf "$tmp"
  log "built $binary $version in $((SECONDS - started)) s"
}

# The binary go_install puts in place for BINARY PACKAGE@VERSION.
binary_path() { echo "$cache/$1-${2##*@v}/$1"; }

readonly ACTIONLINT_PACKAGE="github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
readonly TRIVY_PACKAGE="github.com/aquasecurity/trivy/cmd/trivy@v$TRIVY_VERSION"

go_install actionlint "$ACTIONLINT_PACKAGE"
# Trivy's own build sets GOEXPERIMENT=jsonv2 (its magefiles/magefile.go): without it, Go 1.26 has no encoding/json/v2.
# The -X flag stamps the version into `trivy --version`, as its release build does.
GOEXPERIMENT=jsonv2 go_install trivy "$TRIVY_PACKAGE" \
  "-X=github.com/aquasecurity/trivy/pkg/version/app.ver=$TRIVY_VERSION"

echo "cache=$cache"
echo "actionlint=$(binary_path actionlint "$ACTIONLINT_PACKAGE")"
echo "trivy=$(binary_path trivy "$TRIVY_PACKAGE")"
