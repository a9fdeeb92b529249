#!/bin/sh
# Entry point of the emulator image (Dockerfile). A replica of a scaled compose service (the
# worker service's EMULATOR_WORKERS replicas) shares its service's environment, so its node name (the
# "node" label of its metrics) and the address other nodes reach it by come from the container: its
# hostname and the address Docker wrote for it into /etc/hosts. exec: the JVM gets "docker stop"'s
# SIGTERM and ends the run cleanly, with its summary and results.
set -eu
# Where the container's hostname and Docker's hosts file are read from: the defaults in a container;
# EntrypointTest points them at files of its own to run this script outside one.
hostname_file="${EMULATOR_HOSTNAME_FILE:-/proc/sys/kernel/hostname}"
hosts_file="${EMULATOR_HOSTS_FILE:-/etc/hosts}"
name="$(cat "$hostname_file")"
: "${EMULATOR_NODE:=$name}"
if [ -z "${EMULATOR_HOST:-}" ]; then
  EMULATOR_HOST="$(awk -v h="$name" '$2 == h { print $1; exit }' "$hosts_file")"
  [ -n "$EMULATOR_HOST" ] || EMULATOR_HOST="$name"
fi
export EMULATOR_NODE EMULATOR_HOST
# The cluster places the components once min-nodes nodes are up (rserpool.cluster.min-nodes).
# docker-compose.yml gives every node the worker count, EMULATOR_WORKERS (the worker service's
# replicas): with the seed, that is every node of the stack. Compose's interpolation has no
# arithmetic, so the sum is made here; an EMULATOR_MIN_NODES of the environment wins.
if [ -z "${EMULATOR_MIN_NODES:-}" ] && [ -n "${EMULATOR_WORKERS:-}" ]; then
  case "$EMULATOR_WORKERS" in
    *[!0-9]* | 0?*)
      echo "entrypoint: EMULATOR_WORKERS must be a number of worker nodes, got '$EMULATOR_WORKERS'" >&2
      exit 64 ;;
  esac
  EMULATOR_MIN_NODES=$((EMULATOR_WORKERS + 1))
  export EMULATOR_MIN_NODES
fi
# The garbage collector is ZGC unless JAVA_OPTS names one: it costs a large emulation a quarter less CPU
# than G1 and pauses for well under a millisecond (docs/performance.md, "Multicast fan-out and the garbage collector").
gc=-XX:+UseZGC
for option in ${JAVA_OPTS:-}; do
  case "$option" in -XX:+Use*GC) gc= ;; esac
done
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec java $gc ${JAVA_OPTS:-} -jar /opt/rserpool/rserpool-emulator.jar "$@"
