"""Python side of the trainer throughput benchmark: the baseline experiment's model, optimisers and
batch (bench/../trainer/src/main/resources/experiments/Baseline.java) written in PyTorch, timed the same
way (steady-state training tokens per second after warm-up steps).

PyTorch 1.13 (Debian's python3-torch) has neither scaled_dot_product_attention nor rms_norm: both are
written out here."""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

WIDTH, LAYERS, HEADS, MLP = 128, 4, 4, 512
SEQ, ROWS, VOCAB = 256, 16, 256
ADAMW_RATE, MUON_RATE = 0.006, 0.03
EPS = torch.finfo(torch.float32).eps  # libtorch's rms_norm default


def rms_norm(x):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + EPS)


class Rotary(nn.Module):
    def __init__(self, head, length, base=10000.0):
        super().__init__()
        half = head // 2
        t = torch.arange(length, dtype=torch.float64)[:, None]
        freq = 1.0 / base ** (2.0 * torch.arange(half, dtype=torch.float64) / head)
        self.register_buffer("cos", torch.cos(t * freq).float()[None, None])
        self.register_buffer("sin", torch.sin(t * freq).float()[None, None])
        self.half = half

    def forward(self, x):
        time_ = x.size(2)
        c, s = self.cos[:, :, :time_], self.sin[:, :, :time_]
        x1, x2 = x[..., : self.half], x[..., self.half:]
        return torch.cat((x1 * c + x2 * s, x2 * c - x1 * s), dim=-1)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH, bias=False)
        self.projection = nn.Linear(WIDTH, WIDTH, bias=False)
        nn.init.zeros_(self.projection.weight)
        self.rotary = Rotary(WIDTH // HEADS, SEQ)
        self.register_buffer("mask", torch.ones(SEQ, SEQ, dtype=torch.bool).triu(1))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(x).split(WIDTH, dim=2)
        q = q.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        k = k.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        v = v.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        q, k = self.rotary(rms_norm(q)), self.rotary(rms_norm(k))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // HEADS))
        att = att.masked_fill(self.mask[:t, :t], float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        return self.projection(y)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Linear(WIDTH, MLP, bias=False)
        self.down = nn.Linear(MLP, WIDTH, bias=False)
        nn.init.zeros_(self.down.weight)

    def forward(self, x):
        return self.down(F.relu(self.up(x)).square())


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention, self.mlp = Attention(), Mlp()

    def forward(self, x):
        x = x + self.attention(rms_norm(x))
        return x + self.mlp(rms_norm(x))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, WIDTH)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.head = nn.Linear(WIDTH, VOCAB, bias=False)
        nn.init.zeros_(self.head.weight)

    def forward(self, tokens, targets):
        x = self.embedding(tokens)
        for block in self.blocks:
            x = block(x)
        logits = self.head(rms_norm(x))
        return F.cross_entropy(logits.view(-1, VOCAB), targets.view(-1))


class Muon:
    """SGD-Nesterov momentum, update orthogonalised by 5 Newton-Schulz steps (as MuonOptimizer.java)."""

    def __init__(self, params, rate, momentum=0.95, steps=5):
        self.params, self.rate, self.momentum, self.steps = list(params), rate, momentum, steps
        self.buffers = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self, factor):
        for p, buf in zip(self.params, self.buffers):
            if p.grad is None:
                continue
            buf.lerp_(p.grad, 1 - self.momentum)
            update = self.orthogonalise(p.grad.lerp(buf, self.momentum))
            p.add_(update, alpha=-self.rate * factor * math.sqrt(max(1.0, p.size(0) / p.size(1))))

    def orthogonalise(self, g):
        a, b, c = 3.4445, -4.7750, 2.0315
        tall = g.size(0) > g.size(1)
        x = g.t() if tall else g
        x = x / (x.norm() + 1e-7)
        for _ in range(self.steps):
            m = x @ x.t()
            x = a * x + (b * m + c * (m @ m)) @ x
        return x.t() if tall else x

    def zero_grad(self):
        for p in self.params:
            p.grad = None


def schedule(step, total, warmup=10, warmdown=0.4, final=0.05):
    warm = min(1.0, (step + 1.0) / warmup)
    down = round(total * warmdown)
    start = total - down
    if down == 0 or step < start:
        return warm
    return min(warm, 1.0 - (step - start + 1) / down * (1.0 - final))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    raw = open(args.data, "rb").read()
    train = torch.tensor(list(raw[: int(len(raw) * 0.9)]), dtype=torch.long)
    model = Gpt()
    matrices = [p for block in model.blocks for p in block.parameters() if p.dim() == 2]
    rest = [model.embedding.weight, model.head.weight]
    adamw = torch.optim.AdamW(rest, lr=ADAMW_RATE, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)
    muon = Muon(matrices, MUON_RATE)
    total = args.warmup + args.steps
    generator = torch.Generator().manual_seed(1)
    start = None
    for step in range(total):
        if step == args.warmup:
            start = time.perf_counter()
        offsets = torch.randint(len(train) - SEQ, (ROWS,), generator=generator)
        rows = torch.stack([train[o: o + SEQ + 1] for o in offsets.tolist()])
        loss = model(rows[:, :-1].contiguous(), rows[:, 1:].contiguous())
        loss.backward()
        factor = schedule(step, total)
        for group in adamw.param_groups:
            group["lr"] = ADAMW_RATE * factor
        adamw.step()
        muon.step(factor)
        adamw.zero_grad(set_to_none=True)
        muon.zero_grad()
        final = loss.item()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "impl": "python", "threads": args.threads, "steps": args.steps, "tokens_per_step": ROWS * SEQ,
        "seconds": round(seconds, 3), "tokens_per_second": round(args.steps * ROWS * SEQ / seconds, 1),
        "final_loss": round(final, 4), "torch": torch.__version__,
        "blas": blas_library()}))


def blas_library():
    """The BLAS actually mapped into this process (Debian's torch uses whatever libblas.so.3 points at)."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    for name in ("openblas", "blis", "mkl", "libblas"):
        if name in text:
            return name
    return "unknown"


if __name__ == "__main__":
    main()
