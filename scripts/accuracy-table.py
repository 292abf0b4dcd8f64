#!/usr/bin/env python3
"""The accuracy tables of BENCHMARKS.md, from whatever runs of scripts/bench-accuracy.sh have finished.

For each part (RUNS/bench-*), `bin/absgd compare --report-only` summarises every finished run there
(mean ± sample sd over the seeds found, median images/s per --threads setting) into its
compare.json; this script prints that as a Markdown table and, for rho 100, puts the reference's
figures from issue 5 beside ours.
Usage: python3 scripts/accuracy-table.py [RUNS]   (RUNS defaults to runs/ in the project)
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The issue's reference table: the authors' loss module with torch.optim.SGD, seeds 0, 1, 2.
REFERENCE_RHO100 = {
    "ldam-drw": ((86.37, 0.44), (92.98, 0.80)),
    "ce-drw": ((85.95, 0.22), (91.90, 0.86)),
    "absgd-drw": ((85.65, 0.45), (92.47, 0.39)),
    "absgd": ((81.64, 0.54), (84.07, 1.36)),
    "focal": ((81.56, 0.05), (83.88, 0.73)),
    "ce": ((81.21, 0.56), (83.57, 1.23)),
}
PARTS = [
    ("bench-rho100", "Fashion-MNIST-LT, rho 100"),
    ("bench-rho10", "Fashion-MNIST-LT, rho 10"),
    ("bench-noise", "label noise: balanced 1000/class, 40% asymmetric; absgd lambda -1 from epoch 24"),
    ("bench-noise-early", "label noise, absgd lambda -1 from epoch 2"),
]


def summary(part_dir):
    """compare.json of every finished run in part_dir, freshly written by compare --report-only."""
    done = subprocess.run([str(ROOT / "bin" / "absgd"), "compare", "--report-only", "--out", str(part_dir)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"accuracy-table: bin/absgd compare --report-only --out {part_dir} failed:\n{done.stderr.strip()}")
    return json.loads((part_dir / "compare.json").read_text())


def cell(mean_sd):
    if mean_sd is None:
        return "–"
    if mean_sd["sd"] is None:
        return f"{100 * mean_sd['mean']:.2f}"
    return f"{100 * mean_sd['mean']:.2f} ± {100 * mean_sd['sd']:.2f}"


def speed(by_threads):
    """Median images/s per --threads setting (runs made two at a time use one thread each)."""
    return "; ".join(f"{v:.0f} ({'all cores' if t == '0' else t})" for t, v in sorted(by_threads.items()))


def table(methods, with_reference):
    header = "| method | seeds | balanced % | tail-3 % | many % | medium % | few % | images/s (median; --threads) |"
    if with_reference:
        header += " reference balanced % | reference tail-3 % | ours − reference (balanced) |"
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for method, m in methods.items():
        row = [method, ",".join(str(s) for s in m["seeds"]), cell(m["balanced_acc"]), cell(m["tail3"]),
               cell(m["many"]), cell(m["medium"]), cell(m["few"]), speed(m["images_per_s_median_by_threads"])]
        if with_reference:
            ref = REFERENCE_RHO100.get(method)
            row += ([f"{ref[0][0]:.2f} ± {ref[0][1]:.2f}", f"{ref[1][0]:.2f} ± {ref[1][1]:.2f}",
                     f"{100 * m['balanced_acc']['mean'] - ref[0][0]:+.2f}"] if ref else ["–", "–", "–"])
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    runs = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "runs"
    found = False
    for name, title in PARTS:
        part_dir = runs / name
        if part_dir.is_dir():
            found = True
            print(f"### {title} ({part_dir})\n\n{table(summary(part_dir)['methods'], name == 'bench-rho100')}\n")
    if not found:
        sys.exit(f"accuracy-table: no bench-* directories under {runs}; run scripts/bench-accuracy.sh first")


if __name__ == "__main__":
    main()
