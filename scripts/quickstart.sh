#!/usr/bin/env bash
# The two Quick start commands of the README:
#   scripts/quickstart.sh example   build and run the main example on the built-in sample data
#   scripts/quickstart.sh test      build everything and run the whole test suite
# Works on a fresh Debian 12 machine with g++, CMake and git: missing Debian packages are
# installed when run as root, otherwise the exact apt-get line is printed.
# Environment: PARKINVEST_BUILD_DIR (default: build), JOBS (default: number of cores),
# PARKINVEST_WERROR (default ON: warnings are errors).
set -euo pipefail

mode=${1:-}
case "$mode" in
  example|test) ;;
  *) echo "usage: $0 example|test" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARKINVEST_BUILD_DIR:-$root/build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# pkgconf and python3: the package tests (ctest -L package) use pkg-config and py_compile.
packages=(make libboost-dev libcereal-dev libgtest-dev libgmock-dev libbenchmark-dev pkgconf python3)
# ccache keeps rebuilds (and CI's, and the package tests' builds from source) warm: installed
# when we may, never required.
if [ "$(id -u)" -eq 0 ]; then packages+=(ccache); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "quickstart: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" ||
      { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; }
  else
    echo "quickstart: missing Debian packages. Run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

# Warnings are errors here (our development build, on the compiler this script is made for);
# PARKINVEST_WERROR=OFF for a newer compiler's new warnings. Consumers never get -Werror.
# Debug information is line tables only (-g1): backtraces and sanitizer reports still name file
# and line, and the build takes about half the time of a full -g (tests/query/query_test.cpp: 38
# s instead of 75 s with gcc 12). The `dev` preset keeps full -g for a debugger.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DPARKINVEST_WERROR="${PARKINVEST_WERROR:-ON}" "${launcher[@]}" >/dev/null

if [ "$mode" = example ]; then
  # The command-line tool too, so that `cmake --install build` installs from this build.
  cmake --build "$build" --target park_report parkinvest_cli -j "$jobs"
  "$build/examples/park_report"
else
  cmake --build "$build" -j "$jobs"
  ctest --test-dir "$build" --output-on-failure -j "$jobs"
fi
