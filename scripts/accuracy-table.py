#!/usr/bin/env python3
"""The accuracy tables of BENCHMARKS.md, from whatever runs of scripts/bench-accuracy.sh have finished.

Reads RUNS/bench-*/METHOD/seedK/results.json (finished runs only: a run still training has no
results.json) and prints one Markdown table per part: mean ± sample sd over the seeds found, the
seeds, and, for rho 100, the reference's figures from issue 5 beside ours.
Usage: python3 scripts/accuracy-table.py [RUNS]   (RUNS defaults to runs/ in the project)
"""
import json
import pathlib
import statistics
import sys

# The issue's reference table: the authors' loss module with torch.optim.SGD, seeds 0, 1, 2.
REFERENCE_RHO100 = {
    "ldam-drw": ((86.37, 0.44), (92.98, 0.80)),
    "ce-drw": ((85.95, 0.22), (91.90, 0.86)),
    "absgd-drw": ((85.65, 0.45), (92.47, 0.39)),
    "absgd": ((81.64, 0.54), (84.07, 1.36)),
    "focal": ((81.56, 0.05), (83.88, 0.73)),
    "ce": ((81.21, 0.56), (83.57, 1.23)),
}
METHODS = ["ce", "cb", "ce-drw", "focal", "ldam-drw", "logit-adjust", "absgd", "absgd-drw", "absgd-ldam-drw"]
PARTS = [
    ("bench-rho100", "Fashion-MNIST-LT, rho 100"),
    ("bench-rho10", "Fashion-MNIST-LT, rho 10"),
    ("bench-noise", "label noise: balanced 1000/class, 40% asymmetric; absgd lambda -1 from epoch 24"),
    ("bench-noise-early", "label noise, absgd lambda -1 from epoch 2"),
]


def mean_sd(values):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return f"{100 * values[0]:.2f}"
    return f"{100 * statistics.mean(values):.2f} ± {100 * statistics.stdev(values):.2f}"


def read_results(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as e:
        sys.exit(f"accuracy-table: {path}: not a readable results.json ({e}); delete that run's directory and rerun it")


def images_per_s(results):
    """Median training images/s per --threads setting (runs made two at a time use one thread each)."""
    by_threads = {}
    for r in results:
        by_threads.setdefault(r["config"]["train"]["threads"], []).append(r["images_per_s"])
    return "; ".join(f"{statistics.median(v):.0f} ({'all cores' if t == 0 else t})"
                     for t, v in sorted(by_threads.items()))


def reference(pair):
    return f"{pair[0]:.2f} ± {pair[1]:.2f}"


def table(part_dir, with_reference):
    header = "| method | seeds | balanced % | tail-3 % | many % | medium % | few % | images/s (median; --threads) |"
    if with_reference:
        header += " reference balanced % | reference tail-3 % | ours − reference (balanced) |"
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    order = lambda p: (METHODS.index(p.name) if p.name in METHODS else len(METHODS), p.name)
    for method_dir in sorted((p for p in part_dir.iterdir() if p.is_dir()), key=order):
        runs = [(int(d.name[4:]), read_results(d / "results.json"))
                for d in sorted(method_dir.glob("seed*")) if d.name[4:].isdigit() and (d / "results.json").exists()]
        if not runs:
            continue
        column = lambda key: mean_sd([r.get(key) for _, r in runs])
        row = [method_dir.name, ",".join(str(s) for s, _ in runs), column("balanced_acc"), column("tail3"),
               column("many"), column("medium"), column("few"),
               images_per_s(r for _, r in runs)]
        if with_reference:
            ref = REFERENCE_RHO100.get(method_dir.name)
            ours = statistics.mean(r["balanced_acc"] for _, r in runs) * 100
            row += [reference(ref[0]), reference(ref[1]), f"{ours - ref[0][0]:+.2f}"] if ref else ["–", "–", "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    runs = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "runs")
    found = False
    for name, title in PARTS:
        part_dir = runs / name
        if part_dir.is_dir():
            found = True
            print(f"### {title} ({part_dir})\n\n{table(part_dir, name == 'bench-rho100')}\n")
    if not found:
        sys.exit(f"accuracy-table: no bench-* directories under {runs}; run scripts/bench-accuracy.sh first")


if __name__ == "__main__":
    main()
