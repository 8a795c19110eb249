"""Python PyTorch peer of the trainer's Gpt and of bench/gpu/PeerRecipe.java, for side-by-side figures on one
GPU: same architecture (RMSNorm without gain, RoPE, QK-norm, ReLU^2 MLP, zero-initialised output projections and
head, untied head, SDPA), AdamW on every parameter at a constant 2e-3, random 256-token windows of the first 90% of
DATA. Runs every configuration given on the command line in this one process and prints one line per run:
tokens/s over the timed steps (after 5 warm-up steps) and over all steps, the last loss and the SHA-256 of the final
parameters (equal hashes = bit-identical training).

usage: peer.py DATA CONFIG...   where CONFIG is  steps:layers:width:heads:rows:fp32|bf16:det|nondet:KERNEL[:swapped]
KERNEL is default, flash, efficient, cudnn or math; 'swapped' trains with betas (0.95, 0.9) instead of (0.9, 0.95)."""
import hashlib, os, sys, time
import torch, torch.nn as nn, torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

T, DEV = 256, 'cuda'
KERNELS = {'flash': SDPBackend.FLASH_ATTENTION, 'efficient': SDPBackend.EFFICIENT_ATTENTION,
           'cudnn': SDPBackend.CUDNN_ATTENTION, 'math': SDPBackend.MATH}


def build(L, D, H):
    hs = D // H; half = hs // 2
    fr = 1.0 / (10000 ** (torch.arange(half, dtype=torch.float64) * 2 / hs))
    ang = torch.arange(T, dtype=torch.float64)[:, None] * fr[None]
    cos, sin = ang.cos().float().to(DEV)[None, None], ang.sin().float().to(DEV)[None, None]

    def rope(x):
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat([x1 * cos + x2 * sin, x2 * cos - x1 * sin], -1)

    def norm(x):
        return F.rms_norm(x, (x.shape[-1],))

    class Block(nn.Module):
        def __init__(s):
            super().__init__()
            s.qkv = nn.Linear(D, 3 * D, bias=False); s.proj = nn.Linear(D, D, bias=False)
            s.up = nn.Linear(D, 4 * D, bias=False); s.down = nn.Linear(4 * D, D, bias=False)
            nn.init.zeros_(s.proj.weight); nn.init.zeros_(s.down.weight)

        def forward(s, x):
            b, t, _ = x.shape
            q, k, v = s.qkv(norm(x)).split(D, 2)
            q, k, v = (z.view(b, t, H, hs).transpose(1, 2) for z in (q, k, v))
            q, k = rope(norm(q)), rope(norm(k))
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b, t, D)
            h = x + s.proj(y)
            return h + s.down(F.relu(s.up(norm(h))).square())

    class GPT(nn.Module):
        def __init__(s):
            super().__init__(); s.emb = nn.Embedding(256, D); s.blocks = nn.ModuleList(Block() for _ in range(L))
            s.head = nn.Linear(D, 256, bias=False); nn.init.zeros_(s.head.weight)

        def forward(s, x):
            x = s.emb(x)
            for b in s.blocks:
                x = b(x)
            return s.head(norm(x))

    return GPT().to(DEV)


def run(train, config):
    parts = config.split(':')
    steps, L, D, H, B = (int(x) for x in parts[:5])
    mode, det, kernel = parts[5], parts[6] == 'det', parts[7]
    swapped = len(parts) > 8 and parts[8] == 'swapped'
    torch.use_deterministic_algorithms(det)
    torch.manual_seed(1)
    m = build(L, D, H)
    opt = torch.optim.AdamW(m.parameters(), lr=2e-3, betas=(0.95, 0.9) if swapped else (0.9, 0.95), weight_decay=0.0)
    g = torch.Generator(device=DEV).manual_seed(1)
    ar = torch.arange(T + 1, device=DEV)
    backends = [KERNELS[kernel]] if kernel != 'default' else list(KERNELS.values())

    def step():
        ix = torch.randint(len(train) - T - 1, (B,), generator=g, device=DEV)
        w = train[ix[:, None] + ar]
        with sdpa_kernel(backends), torch.autocast('cuda', dtype=torch.bfloat16, enabled=(mode == 'bf16')):
            logits = m(w[:, :-1])
        loss = F.cross_entropy(logits.float().view(-1, 256), w[:, 1:].reshape(-1))
        loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
        return loss

    warm = 5
    torch.cuda.synchronize(); t_all = time.time()
    for _ in range(warm):
        step()
    torch.cuda.synchronize(); t0 = time.time()
    for _ in range(steps - warm):
        loss = step()
    torch.cuda.synchronize(); t1 = time.time()
    h = hashlib.sha256()
    for p in m.parameters():
        h.update(p.detach().float().cpu().numpy().tobytes())
    n = sum(p.numel() for p in m.parameters())
    timed = (steps - warm) * B * T / (t1 - t0)
    overall = steps * B * T / (t1 - t_all)
    print(f"peer config={config} params={n} loss={loss.item():.4f} tokens_per_s={timed:.0f} "
          f"tokens_per_s_all={overall:.0f} hash={h.hexdigest()[:16]}", flush=True)


def main():
    data = torch.frombuffer(bytearray(open(sys.argv[1], 'rb').read()), dtype=torch.uint8).long()
    train = data[:int(len(data) * 0.9)].to(DEV)
    print(f"peer torch={torch.__version__} cuda={torch.version.cuda} cudnn={torch.backends.cudnn.version()} "
          f"gpu={torch.cuda.get_device_name()} capability={torch.cuda.get_device_capability()}", flush=True)
    for config in sys.argv[2:]:
        try:
            run(train, config)
        except Exception as e:  # a kernel that refuses a shape or determinism: report and go on
            print(f"peer config={config} error={type(e).__name__}: {str(e)[:200]}", flush=True)


if __name__ == '__main__':
    main()
