#!/usr/bin/env bash
# Which cuDNN the Python PyTorch and the Java trainer report and load on the GPU machine (docs/trainer.md,
# "cuDNN in the class"). Run there from the project root with the bundle in .gpu/.
set -uo pipefail
nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader
python3 - <<'PY'
import torch
print("python torch", torch.__version__, "cuda", torch.version.cuda)
print("python cudnn runtime", torch.backends.cudnn.version())
print("python cudnn compile", torch._C._cudnn.getCompileVersion())
print(torch.__config__.show())
import os
for line in open('/proc/self/maps'):
    if 'cudnn' in line: print('py maps:', line.split()[-1])
PY
pip list 2>/dev/null | grep -i -E 'nvidia-cudnn|^torch '
ldconfig -p | grep -i cudnn | head -5
ls -d /usr/local/cuda*/lib*/libcudnn.so* /usr/lib/x86_64-linux-gnu/libcudnn.so* 2>/dev/null | head
bash .gpu/on-device.sh --version >/dev/null 2>&1 || true
w=${SWARM_GPU_WORK:-/tmp/swarm-gpu}
tl=$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')
nv=$(find "$(dirname "$tl")/nvidia" -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u | tr '\n' ':')
echo "LD_LIBRARY_PATH=$tl/lib:$nv"
for opts in "" -Dorg.bytedeco.javacpp.pathsFirst=true; do
  echo "== java $opts"
  LD_LIBRARY_PATH="$tl/lib:$nv${LD_LIBRARY_PATH:-}" "$w/jre/bin/java" $opts -cp "$w/swarm.jar" bench/gpu/CudnnVersions.java
done
