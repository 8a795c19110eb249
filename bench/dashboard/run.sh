#!/usr/bin/env bash
# The dashboard query at 10^5 results (see bench/dashboard/README.md). Usage: run.sh [results]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
exec java ${JAVA_FLAGS:-} -cp "bench/target/classes:bench/target/lib/*" \
  dev.swarmledger.bench.dashboard.DashboardBench "$@"
