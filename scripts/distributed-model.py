#!/usr/bin/env python3
"""The step-time model of docs/distributed.md: data-parallel ABSGD on N nodes, weak scaling.

Prints the document's tables (Markdown) and writes docs/distributed-scaling.svg. Nothing is
measured here: the inputs are BENCHMARKS.md's figures, published figures and stated network
assumptions, each named where it is defined below. Standard library only, runs in milliseconds.
Usage: python3 scripts/distributed-model.py [--svg PATH]
"""
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Networks (assumed): per-link bandwidth B in bytes/s at line rate, per-message latency alpha in s.
NETWORKS = [
    ("10 GbE, TCP", 1.25e9, 50e-6),
    ("25 GbE, TCP", 3.125e9, 25e-6),
    ("100 Gb/s InfiniBand", 12.5e9, 5e-6),
]
NODES = [1, 2, 4, 8, 16, 32]
BUCKET = 25 * 2**20  # PyTorch DDP's default bucket_cap_mb = 25 (pytorch/pytorch#118421)

# Gradient bytes (fp32): parameter counts.
RESNET32_PARAMS = 464_154  # CifarResNet resnet32, 10 classes (counted from the architecture)
RESNET50_PARAMS = 25_557_032  # torchvision resnet50 num_params (published)

# Forward FLOPs per image in FlopCounter's convention (2 x multiply-adds).
RESNET32_FLOPS = 137.7e6  # BENCHMARKS.md, bench resnet32
RESNET50_FLOPS = 2 * 4.09e9  # torchvision "GFLOPS 4.09" counts multiply-adds (published)
ACHIEVED = 44.2e9  # BENCHMARKS.md: resnet32 bench, 3 x forward FLOPs x ABSGD images/s, 2 cores

# Single-node step times, seconds: (label, per-node batch, step time, gradient bytes, provenance).
WORKLOADS = [
    ("ResNet-32, 2-core VM", 128, 128 / 107.0, 4 * RESNET32_PARAMS, "measured"),
    ("ResNet-50, 2-core VM", 64, 64 * 3 * RESNET50_FLOPS / ACHIEVED, 4 * RESNET50_PARAMS, "derived"),
    ("ResNet-50, A100 TF32", 256, 256 / 938, 4 * RESNET50_PARAMS, "published"),
    ("ResNet-50, A100 mixed precision", 256, 256 / 2470, 4 * RESNET50_PARAMS, "published"),
]


def ring(size, n, bandwidth, alpha):
    """Ring all-reduce of size bytes over n nodes: 2(n-1)/n * S/B + 2(n-1) * alpha."""
    if n == 1:
        return 0.0
    return 2 * (n - 1) / n * size / bandwidth + 2 * (n - 1) * alpha


def step_no_overlap(t, size, n, bandwidth, alpha):
    return t + ring(size, n, bandwidth, alpha)


def step_overlap(t, size, n, bandwidth, alpha):
    """Backward is 2/3 of the step and produces gradients at an even rate; each 25 MiB bucket is
    all-reduced as soon as it is full and the previous bucket's all-reduce is done."""
    if n == 1:
        return t
    forward, backward = t / 3, 2 * t / 3
    done, filled, end = 0.0, 0, forward
    while filled < size:
        part = min(BUCKET, size - filled)
        filled += part
        ready = forward + backward * filled / size
        end = max(ready, end) + ring(part, n, bandwidth, alpha)
        done = end
    return max(t, done)


def scalar_exchange(n, alpha):
    """ABSGD's (log-sum-exp, count) pairs, latency-bound: recursive doubling, ring all-gather, ring all-reduce."""
    if n == 1:
        return 0.0, 0.0, 0.0
    return math.ceil(math.log2(n)) * alpha, (n - 1) * alpha, 2 * (n - 1) * alpha


def fmt_ms(seconds):
    ms = seconds * 1e3
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def tables():
    out = []
    out.append("Gradient all-reduce time per step, ms (ring, fp32):\n")
    out.append("| gradient | network | " + " | ".join(f"N = {n}" for n in NODES) + " |")
    out.append("|---|---|" + "---|" * len(NODES))
    for label, size in (("ResNet-32, 1.86 MB", 4 * RESNET32_PARAMS), ("ResNet-50, 102.2 MB", 4 * RESNET50_PARAMS)):
        for name, bandwidth, alpha in NETWORKS:
            cells = [fmt_ms(ring(size, n, bandwidth, alpha)) for n in NODES]
            out.append(f"| {label} | {name} | " + " | ".join(cells) + " |")
    for label, batch, t, size, provenance in WORKLOADS:
        out.append(f"\n{label}, batch {batch} a node ({provenance}, {fmt_ms(t)} ms a step on one node): "
                   "step ms (efficiency)\n")
        out.append("| network | overlap | " + " | ".join(f"N = {n}" for n in NODES) + " |")
        out.append("|---|---|" + "---|" * len(NODES))
        for name, bandwidth, alpha in NETWORKS:
            for overlap, model in (("no", step_no_overlap), ("yes", step_overlap)):
                cells = []
                for n in NODES:
                    s = model(t, size, n, bandwidth, alpha)
                    cells.append(f"{fmt_ms(s)} ({100 * t / s:.1f} %)")
                out.append(f"| {name} | {overlap} | " + " | ".join(cells) + " |")
    out.append("\nABSGD's scalar exchange, ms (recursive doubling / ring all-gather / ring all-reduce):\n")
    out.append("| alpha | " + " | ".join(f"N = {n}" for n in NODES) + " |")
    out.append("|---|" + "---|" * len(NODES))
    for alpha in (5e-6, 25e-6, 50e-6):
        cells = [" / ".join(fmt_ms(x) for x in scalar_exchange(n, alpha)) for n in NODES]
        out.append(f"| {alpha * 1e6:.0f} µs | " + " | ".join(cells) + " |")
    return "\n".join(out)


def svg():
    """Efficiency against N for ResNet-50 on A100 nodes (both precisions), each network, with overlap."""
    width, height, left, top, plot_w, plot_h = 800, 420, 70, 40, 430, 300
    colours = {"10 GbE, TCP": "#d62728", "25 GbE, TCP": "#1f77b4", "100 Gb/s InfiniBand": "#2ca02c"}

    def x(n):
        return left + plot_w * math.log2(n) / 5

    def y(eff):
        return top + plot_h * (1 - eff)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="22" font-size="14">Modelled weak-scaling efficiency, ResNet-50, '
             'one A100 a node, batch 256 a node</text>']
    for e in range(0, 11, 2):
        yy = y(e / 10)
        parts.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{yy + 4:.1f}" text-anchor="end">{e * 10} %</text>')
    for n in NODES:
        xx = x(n)
        parts.append(f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{top + plot_h}" stroke="#eee"/>')
        parts.append(f'<text x="{xx:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{n}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h + 38}" text-anchor="middle">nodes N</text>')
    legend_y = top + 10
    for label, batch, t, size, _ in WORKLOADS[2:]:
        dash = ' stroke-dasharray="6,4"' if "TF32" in label else ""
        for name, bandwidth, alpha in NETWORKS:
            points = " ".join(f"{x(n):.1f},{y(t / step_overlap(t, size, n, bandwidth, alpha)):.1f}" for n in NODES)
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colours[name]}" stroke-width="2"{dash}/>')
            parts.append(f'<line x1="{left + plot_w + 20}" y1="{legend_y}" x2="{left + plot_w + 50}" '
                         f'y2="{legend_y}" stroke="{colours[name]}" stroke-width="2"{dash}/>')
            short = "mixed" if "mixed" in label else "TF32"
            parts.append(f'<text x="{left + plot_w + 56}" y="{legend_y + 4}">{short}, {name}</text>')
            legend_y += 20
    parts.append(f'<text x="{left + plot_w + 20}" y="{legend_y + 14}" fill="#555">overlap of all-reduce</text>')
    parts.append(f'<text x="{left + plot_w + 20}" y="{legend_y + 30}" fill="#555">and backward, 25 MiB buckets</text>')
    parts.append('</svg>')
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(tables())
    path = pathlib.Path(sys.argv[sys.argv.index("--svg") + 1]) if "--svg" in sys.argv else ROOT / "docs" / "distributed-scaling.svg"
    path.write_text(svg())
    print(f"\nwrote {path}")
