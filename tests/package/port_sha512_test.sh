#!/usr/bin/env bash
# scripts/vcpkg_port_sha512.sh on a throw-away repository with a local tag (CTest package_port_sha512):
# the hash is that of the archive GitHub serves for the tag (tar of the tag under
# parkinvest-<version>/, gzip -cn), computed here the long way; it is written into the portfile
# and nothing else changes; the same on a second run; wrong tags and versions are refused.
#   port_sha512_test.sh <source dir> <scratch dir>
set -euo pipefail
source=$1 work=$2
script="$source/scripts/vcpkg_port_sha512.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"; mkdir -p "$work/repo/ports/parkinvest" "$work/repo/src"
cd "$work/repo"
git init -q
git config user.email test@example.invalid; git config user.name test
cp "$source/ports/parkinvest/portfile.cmake" "$source/ports/parkinvest/vcpkg.json" ports/parkinvest/
sed -i -E 's/"version": *"[^"]*"/"version": "3.1.4"/' ports/parkinvest/vcpkg.json
printf 'int main() { return 0; }\n' > src/main.cpp
printf '汉字 and a line\n' > README.md
git add -A; git commit -qm "release 3.1.4"; git tag -a v3.1.4 -m "parkinvest 3.1.4"

# The archive the long way: the tag's files, tarred by git under the folder, compressed apart.
git archive --format=tar --prefix=parkinvest-3.1.4/ v3.1.4 > "$work/archive.tar"
listing=$(tar -tf "$work/archive.tar" | sort | tr '\n' ' ')
[ "$listing" = "parkinvest-3.1.4/ parkinvest-3.1.4/README.md parkinvest-3.1.4/ports/ parkinvest-3.1.4/ports/parkinvest/ parkinvest-3.1.4/ports/parkinvest/portfile.cmake parkinvest-3.1.4/ports/parkinvest/vcpkg.json parkinvest-3.1.4/src/ parkinvest-3.1.4/src/main.cpp " ] ||
  fail "the archive holds: $listing"
expected=$(gzip -cn < "$work/archive.tar" | sha512sum | cut -d' ' -f1)

got=$(cd src && "$script" v3.1.4)  # from a subfolder of the repository
[ "$got" = "$expected" ] || fail "printed $got, expected $expected"
[[ "$got" =~ ^[0-9a-f]{128}$ ]] || fail "not a SHA512: $got"
git diff --quiet || fail "printing changed the work tree"

sleep 1  # gzip -n: no time stamp, so a later run gives the same bytes
"$script" --write v3.1.4 > "$work/out" 2>&1 || fail "--write: $(cat "$work/out")"
grep -q "^$expected$" "$work/out" || fail "--write printed: $(cat "$work/out")"
grep -qE "^ +SHA512 $expected$" ports/parkinvest/portfile.cmake || fail "the portfile holds: $(grep SHA512 ports/parkinvest/portfile.cmake)"
[ "$(git diff --numstat | awk '{print $1, $2, $3}')" = "1 1 ports/parkinvest/portfile.cmake" ] ||
  fail "--write changed more than the SHA512 line: $(git diff)"
# The archive is that of the tag, not of the work tree: the edited portfile changes nothing.
[ "$("$script" v3.1.4)" = "$expected" ] || fail "a second run differs"

# Refused: a tag that does not exist, one that is not v<version>, one whose port version differs.
"$script" v9.9.9 > /dev/null 2>"$work/err" && fail "accepted a missing tag"
grep -q "no tag 'v9.9.9'" "$work/err" || fail "missing tag: $(cat "$work/err")"
git tag release-3 v3.1.4
"$script" release-3 > /dev/null 2>"$work/err" && fail "accepted a tag that is not v<version>"
grep -q "is not v<version>" "$work/err" || fail "bad tag name: $(cat "$work/err")"
git tag -a v3.1.5 -m "a version the port does not say"
"$script" v3.1.5 > /dev/null 2>"$work/err" && fail "accepted a tag whose port version differs"
grep -q "version '3.1.4', not '3.1.5'" "$work/err" || fail "version mismatch: $(cat "$work/err")"
"$script" > /dev/null 2>&1 && fail "accepted no tag"
echo "vcpkg_port_sha512: $expected for v3.1.4, written, refused for wrong tags"
