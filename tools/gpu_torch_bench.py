#!/usr/bin/env python3
"""PyTorch side of the GPU check (issue 16, item 3): training tokens/s and MFU of a GPT on one GPU.

The model is the scalinglab engine's transformer (org.scalinglab.train.Transformer) written in PyTorch,
eager mode: token + learned position embeddings, pre-LayerNorm blocks (eps 1e-5) of causal multi-head
attention (explicit softmax over the masked T x T scores, as the engine computes it; or
F.scaled_dot_product_attention with --attention sdpa) and a GELU MLP of width 4d (tanh form, as GPT-2),
a final LayerNorm and an output head tied to the token embedding; AdamW (betas 0.9/0.95, eps 1e-8,
weight decay 0.1 on matrices) with the gradient clipped to norm 1.0. Default shape: GPT-2 small
(d_model 768, 12 layers, 12 heads, context 1024) with vocab 256 (bytes), batch 8, fp32.

Runs are alternated (fp32, tf32, fp32, tf32, ... for each attention form) so a drifting clock or a
neighbour affects both alike; tokens/s is the median over the timed steps of each setting.
Training FLOPs per token are counted as the engine counts them (TransformerConfig.trainingFlopsPerToken:
3 x forward; forward = layers x (2d*3d + 2d*d + 2*2*d*f + 2*2*T*d) + 2*d*V, Hoffmann et al. 2022 App. F).
MFU = achieved FLOP/s / peak, with the peak of the GPU's datasheet (fp32 without, TF32 with tensor cores).

Usage: python3 tools/gpu_torch_bench.py --out torch-bench.json [--steps 20] [--warmup 5] [--batch 8]
       [--tf32 both|on|off] [--attention both|manual|sdpa] [--rounds 2]
Writes one JSON object; exit 0 when it measured, 2 when torch or a CUDA device is missing (the JSON says so).
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

# Dense peak TFLOP/s from NVIDIA's datasheets (fp32 on CUDA cores, TF32 on tensor cores, no sparsity).
PEAKS = [
    ("H200", 67.0, 494.7),        # H200 SXM: same compute as H100 SXM
    ("H100 PCIe", 51.2, 378.0),
    ("H100 NVL", 60.0, 417.5),
    ("H100", 67.0, 494.7),        # H100 SXM5 ("NVIDIA H100 80GB HBM3")
    ("GH200", 67.0, 494.7),
    ("A100", 19.5, 156.0),
    ("L40S", 91.6, 183.0),
    ("L4", 30.3, 60.0),
    ("A10", 31.2, 62.5),
    ("T4", 8.1, None),            # Turing: no TF32
]


def peak_for(name):
    for key, fp32, tf32 in PEAKS:
        if key in name:
            return fp32, tf32
    return None, None


def training_flops_per_token(d, layers, heads, context, vocab, d_ff):
    forward = layers * (2 * d * 3 * d + 2 * d * d + 2 * 2 * d * d_ff + 2 * 2 * context * d) + 2 * d * vocab
    return 3 * forward


def build(torch, args):
    nn = torch.nn
    F = torch.nn.functional

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            d = args.d_model
            self.ln1 = nn.LayerNorm(d, eps=1e-5)
            self.qkv = nn.Linear(d, 3 * d)
            self.proj = nn.Linear(d, d)
            self.ln2 = nn.LayerNorm(d, eps=1e-5)
            self.fc = nn.Linear(d, 4 * d)
            self.fc_proj = nn.Linear(4 * d, d)

        def attention(self, x):
            B, T, C = x.shape
            h = args.heads
            q, k, v = self.qkv(x).split(C, dim=2)
            q = q.view(B, T, h, C // h).transpose(1, 2)
            k = k.view(B, T, h, C // h).transpose(1, 2)
            v = v.view(B, T, h, C // h).transpose(1, 2)
            if self.sdpa:
                y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            else:
                att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // h))
                att = att.masked_fill(self.mask[:T, :T] == 0, float("-inf"))
                y = F.softmax(att, dim=-1) @ v
            return self.proj(y.transpose(1, 2).contiguous().view(B, T, C))

        def forward(self, x):
            x = x + self.attention(self.ln1(x))
            return x + self.fc_proj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte = nn.Embedding(args.vocab, args.d_model)
            self.wpe = nn.Embedding(args.context, args.d_model)
            self.blocks = nn.ModuleList([Block() for _ in range(args.layers)])
            self.ln_f = nn.LayerNorm(args.d_model, eps=1e-5)
            mask = torch.tril(torch.ones(args.context, args.context))
            for b in self.blocks:
                b.register_buffer("mask", mask, persistent=False)
                b.sdpa = False
            # GPT-2 initialisation, as the engine: N(0, 0.02^2), residual projections / sqrt(2L), biases 0
            for name, p in self.named_parameters():
                if p.dim() >= 2:
                    std = 0.02 / math.sqrt(2 * args.layers) if name.endswith(("proj.weight",)) else 0.02
                    torch.nn.init.normal_(p, 0.0, std)
                elif name.endswith("bias"):
                    torch.nn.init.zeros_(p)

        def set_sdpa(self, on):
            for b in self.blocks:
                b.sdpa = on

        def forward(self, idx, targets):
            T = idx.shape[1]
            x = self.wte(idx) + self.wpe(torch.arange(T, device=idx.device))
            for b in self.blocks:
                x = b(x)
            logits = self.ln_f(x) @ self.wte.weight.t()  # tied head
            return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))

    return GPT()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--d-model", type=int, default=768)
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--context", type=int, default=1024)
    ap.add_argument("--vocab", type=int, default=256)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--steps", type=int, default=20, help="timed steps per run")
    ap.add_argument("--warmup", type=int, default=5, help="untimed steps per run")
    ap.add_argument("--rounds", type=int, default=2, help="alternating runs of each setting")
    ap.add_argument("--tf32", choices=["both", "on", "off"], default="both")
    ap.add_argument("--attention", choices=["both", "manual", "sdpa"], default="both")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--device", default="cuda")
    args = ap.parse_args()
    result = {"schema": "scalinglab-torch-bench/1", "status": "error", "args": vars(args),
              "python": platform.python_version()}

    def write(code):
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print(f"gpu_torch_bench: wrote {args.out} (status {result['status']})", file=sys.stderr)
        return code

    try:
        import torch
    except ImportError as ex:
        result.update(status="no-torch", message=f"PyTorch is not importable: {ex}")
        return write(2)
    result["torch"] = torch.__version__
    result["torch_cuda"] = torch.version.cuda
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        result.update(status="no-device", message="torch.cuda.is_available() is False")
        return write(2)
    dev = torch.device(args.device)
    name = torch.cuda.get_device_name(dev) if dev.type == "cuda" else platform.processor()
    result["device"] = name
    if dev.type == "cuda":
        cap = torch.cuda.get_device_capability(dev)
        result["compute_capability"] = f"{cap[0]}.{cap[1]}"
    fp32_peak, tf32_peak = peak_for(name)
    result["peak_tflops"] = {"fp32": fp32_peak, "tf32": tf32_peak}

    torch.manual_seed(args.seed)
    model = build(torch, args).to(dev)
    n_params = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-4, betas=(0.9, 0.95), eps=1e-8)
    flops_tok = training_flops_per_token(args.d_model, args.layers, args.heads, args.context, args.vocab, 4 * args.d_model)
    tokens = args.batch * args.context
    result.update(params=n_params, tokens_per_step=tokens, training_flops_per_token=flops_tok)
    g = torch.Generator(device="cpu").manual_seed(args.seed)

    def step():
        x = torch.randint(0, args.vocab, (args.batch, args.context), generator=g).to(dev, non_blocking=True)
        y = torch.randint(0, args.vocab, (args.batch, args.context), generator=g).to(dev, non_blocking=True)
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize(dev)

    def summarise(times, losses):
        runs = []
        for (a, t), ts in times.items():
            if not ts:
                continue
            med = statistics.median(ts)
            tps = tokens / med
            peak = tf32_peak if t else fp32_peak
            runs.append({"attention": a, "tf32": t, "median_step_seconds": med, "min_step_seconds": min(ts),
                         "tokens_per_second": tps, "achieved_tflops": tps * flops_tok / 1e12,
                         "mfu": (tps * flops_tok / (peak * 1e12)) if peak else None,
                         "steps_timed": len(ts), "last_loss": losses.get((a, t))})
        return runs

    tf32s = {"both": [False, True], "on": [True], "off": [False]}[args.tf32]
    atts = {"both": ["manual", "sdpa"], "manual": ["manual"], "sdpa": ["sdpa"]}[args.attention]
    if "sdpa" in atts and not hasattr(torch.nn.functional, "scaled_dot_product_attention"):
        atts.remove("sdpa")  # PyTorch < 2.0
        result["note"] = "scaled_dot_product_attention needs PyTorch 2.0+: sdpa runs left out"
    times = {(a, t): [] for a in atts for t in tf32s}
    losses = {}
    for r in range(args.rounds):
        for a in atts:
            for t in tf32s:
                torch.backends.cuda.matmul.allow_tf32 = t
                torch.backends.cudnn.allow_tf32 = t
                model.set_sdpa(a == "sdpa")
                try:
                    for _ in range(args.warmup):
                        step()
                    sync()
                    for _ in range(args.steps):
                        t0 = time.perf_counter()
                        loss = step()
                        sync()
                        times[(a, t)].append(time.perf_counter() - t0)
                except RuntimeError as ex:  # e.g. out of memory: keep the other settings' results
                    result.setdefault("errors", []).append(f"attention={a} tf32={t}: {ex}")
                    print(f"gpu_torch_bench: attention={a} tf32={t} failed: {ex}", file=sys.stderr)
                    continue
                losses[(a, t)] = float(loss.item())
                result["runs"] = summarise(times, losses)
                result["status"] = "running"
                write(0)  # what is measured so far survives a time-out
                print(f"gpu_torch_bench: round {r + 1}/{args.rounds} attention={a} tf32={t}: "
                      f"{tokens / statistics.median(times[(a, t)][-args.steps:]):,.0f} tokens/s", file=sys.stderr)
    result["runs"] = summarise(times, losses)
    result["max_memory_bytes"] = torch.cuda.max_memory_allocated(dev) if dev.type == "cuda" else None
    result["status"] = "ok" if result["runs"] else "failed"
    return write(0 if result["runs"] else 1)


if __name__ == "__main__":
    sys.exit(main())
