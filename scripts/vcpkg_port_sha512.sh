#!/usr/bin/env bash
# The SHA512 of the source archive vcpkg downloads for a release tag, for ports/parkinvest/portfile.cmake.
#   scripts/vcpkg_port_sha512.sh TAG            print it
#   scripts/vcpkg_port_sha512.sh --write TAG    and write it into the portfile's vcpkg_from_github
# Run inside the repository (any folder of it), after tagging the release (TAG = v<version>, the
# version of ports/parkinvest/vcpkg.json).
#
# vcpkg_from_github fetches GitHub's archive of the tag: `git archive` of the tag as tar, with
# the folder parkinvest-<version>/ (GitHub drops the tag's "v"), compressed by `gzip -cn` (no
# name, no time stamp). This script makes the same archive from the local tag, so the value is
# known before the tag is pushed. vcpkg checks the bytes it downloads: should GitHub ever compress
# differently, the first `vcpkg install` fails and prints the archive's actual SHA512 — put that
# in the portfile instead (see ports/parkinvest/README.md).
set -euo pipefail

write=0
if [ "${1:-}" = "--write" ]; then write=1; shift; fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [--write] TAG   (e.g. v0.1.0)" >&2
  exit 2
fi
tag=$1
root=$(git rev-parse --show-toplevel)
cd "$root"

if ! git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "vcpkg_port_sha512: no tag '$tag' in $root (git tag -a $tag first)" >&2
  exit 1
fi
case "$tag" in
  v[0-9]*) version=${tag#v} ;;
  *) echo "vcpkg_port_sha512: the portfile downloads v\${VERSION}; '$tag' is not v<version>" >&2; exit 1 ;;
esac
# The port's version, as the tag holds it (the portfile's REF is "v${VERSION}").
port_version=$(git show "$tag:ports/parkinvest/vcpkg.json" | sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' | head -n 1)
if [ "$port_version" != "$version" ]; then
  echo "vcpkg_port_sha512: $tag holds ports/parkinvest/vcpkg.json version '$port_version', not '$version'" >&2
  exit 1
fi

sha=$(git -c tar.tar.gz.command="gzip -cn" archive --format=tar.gz --prefix="parkinvest-$version/" "$tag" |
      sha512sum | cut -d' ' -f1)
echo "$sha"

if [ "$write" -eq 1 ]; then
  portfile=ports/parkinvest/portfile.cmake
  if ! grep -qE '^ +SHA512 ' "$portfile"; then
    echo "vcpkg_port_sha512: no SHA512 line in $portfile" >&2
    exit 1
  fi
  sed -i -E "s/^( +)SHA512 .*/\1SHA512 $sha/" "$portfile"
  echo "wrote it into $portfile" >&2
fi
