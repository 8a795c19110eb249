#!/usr/bin/env bash
# The round trip of small inference jobs (create → completed → settled) and the verification
# overhead on jobs: a node, two verifiers, a worker and a contributor in one JVM (training and
# inference in child JVMs), CPU track. Prints a Markdown table row.
# Options: --jobs=N (default 10) --bytes=N (default 64) --quick. Extra Maven flags: MVN_FLAGS="-o".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export SWARM_DATA_MIRROR="${SWARM_DATA_MIRROR:-$root/../shared/data}"
mvn -B -q ${MVN_FLAGS:-} -DskipTests package -pl bench -am
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');" \
     "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
exec java -Xmx1g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.swarmledger.bench.swarm.JobsBench "$@"
