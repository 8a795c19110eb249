#!/usr/bin/env bash
# Ledger benchmark: HTTP appends at 1/8/64 clients vs raw RocksDB synced batches, and proof latency
# at 10^6 leaves. Builds what it needs (no mvn install) and prints a Markdown report, also saved to
# bench/ledger/target/results-<UTC time>.md. Options go to the harness: --quick, --keep,
# --work=DIR, --clients=1,8,64, --leaves=N, --measure=SECONDS. Extra Maven flags: MVN_FLAGS="-o".
# Extra JVM flags (e.g. a JFR recording): JAVA_FLAGS="-XX:StartFlightRecording=filename=ledger.jfr".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

mvn -B -q ${MVN_FLAGS:-} -DskipTests package -pl bench -am

mkdir -p bench/ledger/target
report="bench/ledger/target/results-$(date -u +%Y%m%dT%H%M%SZ).md"
work_dir="bench/ledger/target/work"
mkdir -p "$work_dir"
disk_dev="$(df --output=source "$work_dir" | tail -1)"
disk_name="$(basename "$disk_dev")"
rotational="$(cat "/sys/block/${disk_name}/queue/rotational" 2>/dev/null || echo '?')"
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM;"\
       "disk $disk_dev ($(df -T "$work_dir" | awk 'NR==2{print $2}'), rotational=$rotational); $(uname -sr);"\
       "$(java -version 2>&1 | head -1)"
  echo
} | tee "$report"

java -Xms1g -Xmx8g ${JAVA_FLAGS:-} \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.swarmledger.bench.ledger.LedgerBench --work="$work_dir" "$@" | tee -a "$report"
echo "report saved to $report" >&2
