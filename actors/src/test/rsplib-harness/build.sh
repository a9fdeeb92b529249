#!/usr/bin/env bash
# Builds the rsplib reference harness from the read-only rsplib mirror and regenerates
# ../resources/org/rserpool/emulator/handlespace/rsplib-traces.txt. Needs gcc and libsctp-dev.
#   RSPLIB_GIT=/work/.mirror/dreibh+rsplib/repo ./build.sh
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
gcc -O2 -w $defs -I. "$here/harness.c" "$here/rng.c" "${objs[@]}" -lm -lpthread -lsctp -o "$work/harness"
python3 "$here/gentraces.py" "$work/harness" "$here/../resources/org/rserpool/emulator/handlespace/rsplib-traces.txt"
echo "regenerated rsplib-traces.txt"
