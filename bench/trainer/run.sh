#!/usr/bin/env bash
# Trainer throughput: training tokens/s of the baseline experiment on CPU, Java (the real harness on
# Bytedeco libtorch) against the same model, optimisers and batch in Python PyTorch, measured in the same
# run, alternating the two so both see the same machine load. Prints both figures and the ratio.
#
#   bench/trainer/run.sh [ROUNDS] [STEPS] [THREADS]      (defaults: 3 rounds, 30 timed steps, all cores)
#
# The peer is Debian's python3-torch with libopenblas0-pthread (without it PyTorch falls back to the
# reference BLAS and runs ~10x slower), under /usr/bin/python3. Both are installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
steps="${2:-30}"
threads="${3:-$(nproc)}"
warmup=5
python=/usr/bin/python3
# Both sides get the same OpenMP wait policy (the trainer sets PASSIVE for its children; see ChildProcess).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

if ! dpkg -s python3-torch libopenblas0-pthread >/dev/null 2>&1; then
  echo "bench: installing python3-torch and libopenblas0-pthread" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >&2
fi
export SWARM_DATA_MIRROR="${SWARM_DATA_MIRROR:-$root/../shared/data}"
data="$SWARM_DATA_MIRROR/tinyshakespeare.txt"
jar="$root/cli/target/swarm.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl cli -am) >&2
fi

java_runs=()
python_runs=()
for round in $(seq 1 "$rounds"); do
  j=$(java -cp "$jar" "$root/bench/trainer/TrainerBench.java" --threads "$threads" --warmup "$warmup" --steps "$steps")
  # The peer at its best: Debian's OpenBLAS default (one thread per core) and single-threaded BLAS; the
  # faster of the two counts.
  p1=$("$python" "$root/bench/trainer/peer.py" --data "$data" --threads "$threads" --warmup "$warmup" --steps "$steps")
  p2=$(OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/trainer/peer.py" --data "$data" --threads "$threads" --warmup "$warmup" --steps "$steps")
  echo "round $round: python (OpenBLAS default threads): $p1" >&2
  echo "round $round: python (OPENBLAS_NUM_THREADS=1):    $p2" >&2
  p=$(printf '%s\n%s\n' "$p1" "$p2" | "$python" -c 'import json,sys; runs=[json.loads(l) for l in sys.stdin if l.strip()]; print(json.dumps(max(runs, key=lambda r: r["tokens_per_second"])))')
  echo "round $round: $j" >&2
  java_runs+=("$(echo "$j" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["tokens_per_second"])')")
  python_runs+=("$(echo "$p" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["tokens_per_second"])')")
done

"$python" - "$threads" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "${java_runs[*]}" "${python_runs[*]}" <<'PY'
import statistics, sys
threads, cores, load, java, python = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5].split()
j = statistics.median(map(float, java))
p = statistics.median(map(float, python))
print(f"threads={threads} cores={cores} loadavg(1,5,15)={load}")
print(f"java   tokens/s (median of {len(java)}): {j:.0f}   runs: {' '.join(java)}")
print(f"python tokens/s (median of {len(python)}): {p:.0f}   runs: {' '.join(python)}")
print(f"ratio java/python: {j / p:.2f}")
PY
