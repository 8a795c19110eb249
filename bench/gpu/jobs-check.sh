#!/usr/bin/env bash
# Do jobs reproduce bit for bit on the GPU? Run ON the GPU machine from the project root, with the bundle in .gpu/
# (bench/gpu/README.md, "Jobs"). JobInfer.java must sit beside this script.
#  1. A training job twice: `swarm run --flops F --weights W` (Trainer.runKeepingParameters with a FLOP budget, what
#     JobRunner.train runs) of the enwik8 baseline model (bf16 autocast) on CUDA; the weights files' SHA-256,
#     final_param_hash, val_bpb and FLOPs compared.
#  2. Inference jobs on those weights (Inference.infer, what JobRunner.infer runs), each twice in two JVMs on CUDA:
#     greedy generation of GEN_BYTES bytes and the score of a text; output SHA-256 and FLOPs compared.
#  3. The same two inference jobs once on the CPU (another hardware class: expected to differ).
# Every JVM runs uncontained (no bubblewrap there). Writes under $OUT (or /tmp/jobs-check) as it goes.
set -uo pipefail
out=${OUT:-/tmp/jobs-check}; mkdir -p "$out"
root=$PWD; bundle=$root/.gpu; here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export SWARM_DATA_MIRROR=$bundle/data CUBLAS_WORKSPACE_CONFIG=:4096:8
data=$bundle/data/tinyshakespeare.txt
src=${JOB_SOURCE:-experiments/Enwik8Baseline.java}; flops=${JOB_FLOPS:-150000000000000}; gen=${GEN_BYTES:-256}
w=${SWARM_GPU_WORK:-/tmp/swarm-gpu}
note() { echo "== $(date +%T) $*" | tee -a "$out/log.txt"; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$1" "$2" 2>/dev/null; }

note "gpu: $(nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader)"
bash "$bundle/on-device.sh" --version > "$out/version.txt" 2>&1  # unpacks the bundle once
tl=$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')
nv=$(find "$(dirname "$tl")/nvidia" -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u | tr '\n' ':')
export LD_LIBRARY_PATH="$tl/lib:$nv${LD_LIBRARY_PATH:-}"

# 1. The training job, twice.
for x in a b; do
  t0=$(date +%s.%N)
  "$w/jre/bin/java" -jar "$w/swarm.jar" run "$src" --track shakespeare-char --device cuda --flops "$flops" \
    --weights "$out/train-$x.bin" --unsafe-no-sandbox --json > "$out/train-$x.json" 2> "$out/train-$x.err"
  rc=$?; t1=$(date +%s.%N)
  note "train-$x rc=$rc wall=$(python3 -c "print(round($t1-$t0,1))")s steps=$(field "$out/train-$x.json" steps)" \
    "val_bpb=$(field "$out/train-$x.json" val_bpb) flops=$(field "$out/train-$x.json" flops)" \
    "hash=$(field "$out/train-$x.json" final_param_hash) class=$(field "$out/train-$x.json" hardware_class)" \
    "weights_sha256=$(sha256sum "$out/train-$x.bin" 2>/dev/null | cut -c1-64)"
done
state=$(field "$out/train-a.json" final_param_hash)

# 2./3. Inference jobs on train-a's weights: GPU twice (two JVMs), then CPU once.
head -c 64 "$data" > "$out/prompt.txt"; head -c 4096 "$data" > "$out/text.txt"
infer() { # NAME MODE DEVICE INPUT_FILE INPUT_BYTES GEN_BYTES
  t0=$(date +%s.%N)
  timeout -k 5 "${INFER_TIMEOUT:-120}" "$w/jre/bin/java" -cp "$w/swarm.jar" "$here/JobInfer.java" "$2" "$3" "$src" \
    "$out/train-a.bin" "$state" 0 shakespeare-char "$4" "$5" "$6" "$out/$1.out" > "$out/$1.json" 2> "$out/$1.err"
  rc=$?; t1=$(date +%s.%N)
  note "$1 rc=$rc jvm_wall=$(python3 -c "print(round($t1-$t0,1))")s sha=$(field "$out/$1.json" output_sha256)" \
    "flops=$(field "$out/$1.json" flops) bpb=$(field "$out/$1.json" bpb) infer_s=$(field "$out/$1.json" wall_seconds)" \
    "class=$(field "$out/$1.json" hardware_class)"
}
infer gen-gpu-1 generate cuda "$out/prompt.txt" 64 "$gen"
infer gen-gpu-2 generate cuda "$out/prompt.txt" 64 "$gen"
infer score-gpu-1 score cuda "$out/text.txt" 4096 0
infer score-gpu-2 score cuda "$out/text.txt" 4096 0
infer score-cpu score cpu "$out/text.txt" 4096 0
infer gen-cpu generate cpu "$out/prompt.txt" 64 "$gen"

python3 - "$out" <<'PY' | tee "$out/summary.txt"
import json, os, sys, hashlib, base64
d = sys.argv[1]
def load(n):
    try: return json.load(open(os.path.join(d, n + ".json")))
    except Exception as e: return {"error": str(e)}
def sha(p):
    try: return hashlib.sha256(open(os.path.join(d, p), "rb").read()).hexdigest()
    except Exception: return None
ta, tb = load("train-a"), load("train-b")
keys = ["val_bpb", "final_param_hash", "flops", "steps", "hardware_class"]
print("train a == b:", {k: ta.get(k) == tb.get(k) for k in keys},
      "weights sha256 equal:", sha("train-a.bin") == sha("train-b.bin") and sha("train-a.bin") is not None)
for k in keys: print(f"  {k}: a={ta.get(k)} b={tb.get(k)}")
print("  weights sha256: a=%s b=%s" % (sha("train-a.bin"), sha("train-b.bin")))
for m in ("gen", "score"):
    g1, g2, c = load(f"{m}-gpu-1"), load(f"{m}-gpu-2"), load(f"{m}-cpu")
    o1, o2, oc = (open(os.path.join(d, f"{m}-{x}.out"), "rb").read() if os.path.exists(os.path.join(d, f"{m}-{x}.out")) else None
                  for x in ("gpu-1", "gpu-2", "cpu"))
    print(f"{m}: gpu1 == gpu2 sha:", g1.get("output_sha256") == g2.get("output_sha256") and "output_sha256" in g1,
          "bytes:", o1 == o2 and o1 is not None, "flops:", g1.get("flops") == g2.get("flops"),
          "| gpu vs cpu sha equal:", g1.get("output_sha256") == c.get("output_sha256"), "flops equal:", g1.get("flops") == c.get("flops"))
    for n, r in (("gpu-1", g1), ("gpu-2", g2), ("cpu", c)):
        print(f"  {m}-{n}: sha={r.get('output_sha256')} flops={r.get('flops')} bpb={r.get('bpb')} sum={r.get('sum')}"
              f" infer_s={r.get('wall_seconds')} class={r.get('hardware_class')}")
    if o1 is not None and oc is not None and o1 != oc:
        if m == "gen":
            i = next((k for k in range(min(len(o1), len(oc))) if o1[k] != oc[k]), None)
            print(f"  gen gpu vs cpu: first differing byte {i} of {len(o1)}")
        else:
            import struct
            a = struct.unpack(">%dd" % (len(o1) // 8), o1); b = struct.unpack(">%dd" % (len(oc) // 8), oc)
            diff = [abs(x - y) for x, y in zip(a, b)]
            print(f"  score gpu vs cpu: {sum(x != y for x, y in zip(a, b))}/{len(a)} log-probs differ, max |diff| {max(diff):.3g}")
    if m == "gen" and "generated_b64" in g1:
        print("  gpu text:", repr(base64.b64decode(g1["generated_b64"])[:120].decode("utf-8", "replace")))
PY
rm -f "$out"/*.bin
