#!/usr/bin/env bash
# Builds rsplib's handlespace from the read-only rsplib mirror (gcc -O2, its default red-black tree)
# with our harness, then either regenerates the trace resource or runs the speed comparison.
# Needs gcc and libsctp-dev.
#   ./build.sh          regenerate ../resources/org/rserpool/emulator/handlespace/rsplib-traces.txt
#   ./build.sh bench    time rsplib's handlespace with HandlespaceBenchmark's operations (N = 10, 1000, 100000)
#   RSPLIB_GIT=/path/to/rsplib.git ./build.sh ...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="${RSPLIB_GIT:-/work/.mirror/dreibh+rsplib/repo}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive HEAD src | tar -x -C "$work"
cd "$work/src"
defs="-DINCLUDE_SIMPLEREDBLACKTREE -DUSE_SIMPLEREDBLACKTREE -DMAX_LOGLEVEL=0 -DHAVE_KERNEL_SCTP -DHAVE_SCTP"
objs=()
for s in rserpoolerror.c poolhandlespacechecksum.c poolhandle.c poolhandlespacemanagement-basics.c \
         poolhandlespacemanagement.c poolpolicysettings.c timestamphashtable.c transportaddressblock.c \
         simpleredblacktree.c leaflinkedredblacktree.c doublelinkedringlist.c stringutilities.c loglevel.c \
         threadsafety.c timeutilities.c netutilities.c netdouble.c messagebuffer.c; do
  gcc -O2 -w $defs -I. -c "$s" -o "${s%.c}.o"
  objs+=("${s%.c}.o")
done
if [ "${1:-}" = "bench" ]; then
  gcc -O2 -w $defs -I. "$here/bench.c" "$here/rng.c" "${objs[@]}" -lm -lpthread -lsctp -o "$work/bench"
  for n in 10 1000 100000; do "$work/bench" "$n" "${SECONDS_PER_OP:-5}"; done
  exit 0
fi
gcc -O2 -w $defs -I. "$here/harness.c" "$here/rng.c" "${objs[@]}" -lm -lpthread -lsctp -o "$work/harness"
python3 "$here/gentraces.py" "$work/harness" "$here/../resources/org/rserpool/emulator/handlespace/rsplib-traces.txt"
echo "regenerated rsplib-traces.txt"
