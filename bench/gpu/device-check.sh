#!/usr/bin/env bash
# The GPU check, run ON the GPU machine from the project root (bench/gpu/README.md says how it gets there):
# determinism of the enwik8 baseline (two CUDA runs, then a re-run judged by the verdict rule), the attention
# kernels' determinism in bf16, and Java against the Python PyTorch peer on the same GPU in this one invocation.
# Every figure goes to $OUT (or /tmp/gpu-check) as it is measured, so a run cut short still reports.
set -uo pipefail
out=${OUT:-/tmp/gpu-check}; mkdir -p "$out"
root=$PWD; bundle=$root/.gpu
export SWARM_DATA_MIRROR=$bundle/data CUBLAS_WORKSPACE_CONFIG=:4096:8
data=$bundle/data/tinyshakespeare.txt
swarm() { bash "$bundle/on-device.sh" "$@"; }
note() { echo "== $(date +%T) $*" | tee -a "$out/log.txt"; }
# A run of the Java trainer: NAME SOURCE ARGS... -> $out/NAME.json (run record) and NAME.err (progress, errors).
java_run() {
  local name=$1 src=$2; shift 2
  local t0=$(date +%s.%N)
  swarm run "$src" --track shakespeare-char --device cuda --json "$@" > "$out/$name.json" 2> "$out/$name.err"
  local rc=$? t1=$(date +%s.%N)
  note "java $name rc=$rc wall=$(python3 -c "print(round($t1-$t0,1))") $(python3 "$root/bench/gpu/summarize.py" one "$out/$name.json" 2>&1 | head -1)"
}

note "gpu: $(nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader)"
note "python: $(python3 -c 'import torch;print(torch.__version__, torch.version.cuda, torch.backends.cudnn.version())')"
swarm doctor > "$out/doctor.txt" 2>&1; note "doctor rc=$? $(grep -E '^class|^backend' "$out/doctor.txt" | tr '\n' ' ')"

# 1. The enwik8 baseline model (25M parameters, bf16 autocast, Muon + AdamW), twice, then re-run as a verifier would.
#    On the tiny-shakespeare bytes: enwik8 itself cannot be carried here (see docs/benchmarks.md).
steps=${ENWIK8_STEPS:-120}
java_run enwik8-a experiments/Enwik8Baseline.java --steps "$steps"
java_run enwik8-b experiments/Enwik8Baseline.java --steps "$steps"
swarm audit run "$out/enwik8-a.json" experiments/Enwik8Baseline.java --device cuda > "$out/audit.txt" 2> "$out/audit.err"
note "audit rc=$? $(grep -E 'verdict|class' "$out/audit.txt" | tr '\n' ' ')"

# 2. Python peer: which attention kernels are bit-exact in deterministic bf16 (twice each), and throughput.
P=200:8:512:8:64
python3 bench/gpu/peer.py "$data" \
  $P:bf16:det:math $P:bf16:det:math \
  100:8:512:8:64:bf16:det:efficient 100:8:512:8:64:bf16:det:efficient \
  100:8:512:8:64:bf16:det:flash 100:8:512:8:64:bf16:det:flash \
  100:8:512:8:64:bf16:det:cudnn 100:8:512:8:64:bf16:det:cudnn \
  100:8:512:8:64:bf16:nondet:default 100:8:512:8:64:fp32:det:default \
  $P:bf16:det:math:swapped \
  300:4:128:4:16:fp32:det:default > "$out/peer.txt" 2>&1
note "peer rc=$?"; cat "$out/peer.txt" >> "$out/log.txt"

# 3. Java with the peer's recipe: same model, optimiser, rows and steps; the harness's default kernel, then others.
cp bench/gpu/PeerRecipe.java "$out/PeerRecipe.java"
java_run peer-java "$out/PeerRecipe.java" --steps 200
# The CPU track's baseline model on CUDA (float32).
java_run tiny-java experiments/Baseline.java --steps 300
python3 bench/gpu/summarize.py all "$out" > "$out/summary.txt" 2>&1
SWARM_CUDA_ATTENTION=efficient java_run peer-java-efficient-a "$out/PeerRecipe.java" --steps 100
SWARM_CUDA_ATTENTION=efficient java_run peer-java-efficient-b "$out/PeerRecipe.java" --steps 100
SWARM_CUDA_ATTENTION=flash java_run peer-java-flash "$out/PeerRecipe.java" --steps 100

python3 bench/gpu/summarize.py all "$out" | tee "$out/summary.txt"
