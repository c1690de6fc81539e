#!/usr/bin/env bash
# Compile-time cost of including parkinvest (the value types alone, <parkinvest/core.hpp>, and the
# umbrella header) versus Boost.Multiprecision's cpp_int.
#
# Usage: benchmarks/compile_time.sh [compiler]      (default: c++; or set CXX)
#   RUNS=5               compilations per header (the median is reported)
#   MODE=-fsyntax-only   or MODE=-c to include code generation (object written to /dev/null)
#   EXTRA_FLAGS="..."    more flags for both, e.g. -I/opt/boost/include
#
# Each translation unit contains nothing but one #include; all three are compiled with the same
# flags: -std=c++20 -O2 $MODE -I<repo>/include $EXTRA_FLAGS.
set -euo pipefail

CXX_BIN="${1:-${CXX:-c++}}"
RUNS="${RUNS:-5}"
MODE="${MODE:--fsyntax-only}"
EXTRA_FLAGS="${EXTRA_FLAGS:-}"

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd -- "${script_dir}/.." && pwd)"

command -v "${CXX_BIN}" >/dev/null 2>&1 || { echo "compile_time.sh: compiler '${CXX_BIN}' not found" >&2; exit 2; }
case "${RUNS}" in '' | *[!0-9]* | 0) echo "compile_time.sh: RUNS must be a positive integer" >&2; exit 2 ;; esac

work="$(mktemp -d -t parkinvest-compile-time.XXXXXX)"
trap 'rm -rf -- "${work}"' EXIT

# The translation units, each nothing but one #include: the value types alone, the umbrella, and
# the yardstick.
headers=("parkinvest/core.hpp" "parkinvest/parkinvest.hpp" "boost/multiprecision/cpp_int.hpp")
for i in "${!headers[@]}"; do printf '#include <%s>\n' "${headers[$i]}" >"${work}/tu${i}.cpp"; done

# Microseconds since the epoch: bash 5's EPOCHREALTIME when present, else GNU date.
now_us() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        local t="${EPOCHREALTIME/[.,]/}"
        printf '%s\n' "$((10#${t}))"
    else
        local ns
        ns="$(date +%s%N)"
        printf '%s\n' "$((ns / 1000))"
    fi
}

# shellcheck disable=SC2086  # EXTRA_FLAGS is deliberately word-split
compile_once() {
    "${CXX_BIN}" -std=c++20 -O2 ${MODE} -I"${repo_root}/include" ${EXTRA_FLAGS} \
        -o /dev/null "$1"
}

# The median of the numbers given, one per argument.
median() {
    local -a sorted
    mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
    local n="${#sorted[@]}"
    if ((n % 2 == 1)); then
        printf '%s\n' "${sorted[n / 2]}"
    else
        printf '%s\n' "$(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))"
    fi
}

# Fixed-point text of a / b with two decimals (integer arithmetic only).
ratio() {
    local a="$1" b="$2" r
    r=$(((a * 100 + b / 2) / b))
    printf '%d.%02d' "$((r / 100))" "$((r % 100))"
}
ms() { printf '%d.%d' "$(($1 / 1000))" "$((($1 % 1000) / 100))"; }

echo "compiler: $("${CXX_BIN}" --version | head -n 1)"
echo "flags:    -std=c++20 -O2 ${MODE} -I<repo>/include ${EXTRA_FLAGS}"
echo "runs:     ${RUNS} each, interleaved (median; one warm-up compile of each first)"

# One warm-up compile of each, then RUNS rounds, each compiling every header once (interleaved,
# so that a change of the machine's load falls on all of them alike).
for i in "${!headers[@]}"; do
    compile_once "${work}/tu${i}.cpp" || { echo "compile_time.sh: <${headers[$i]}> does not compile" >&2; exit 1; }
done
declare -a times0=() times1=() times2=()
for ((r = 0; r < RUNS; r++)); do
    for i in "${!headers[@]}"; do
        start="$(now_us)"
        compile_once "${work}/tu${i}.cpp"
        end="$(now_us)"
        eval "times${i}+=(\"$((end - start))\")"
    done
done
core="$(median "${times0[@]}")"
umbrella="$(median "${times1[@]}")"
boost="$(median "${times2[@]}")"

printf '%-45s %10s ms  %s x cpp_int\n' "#include <parkinvest/core.hpp>" "$(ms "${core}")" "$(ratio "${core}" "${boost}")"
printf '%-45s %10s ms  %s x cpp_int\n' "#include <parkinvest/parkinvest.hpp>" "$(ms "${umbrella}")" "$(ratio "${umbrella}" "${boost}")"
printf '%-45s %10s ms\n' "#include <boost/multiprecision/cpp_int.hpp>" "$(ms "${boost}")"
echo "(below 1.00: lighter than cpp_int.hpp; load average $(cut -d' ' -f1-3 /proc/loadavg))"
