#!/usr/bin/env python3
"""The reference's training step alone, for comparison with `absgd bench`: its SmallCNN and
AttentionalLoss (imported from scripts/reference/fmnist_lt.py, not copied), torch.optim.SGD, random
inputs, batch 128, 2 threads. Prints the median step time over 6 blocks of 10 steps; with a file
argument, also records a torch.profiler Chrome trace of 10 steps (summarise it with
scripts/profile-summary.py TRACE --steps 10). Needs Debian's python3-torch: run with /usr/bin/python3.

usage: /usr/bin/python3 scripts/profile-reference.py [TRACE]
"""
import importlib.util
import pathlib
import statistics
import sys
import time

import torch

here = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("reference", here / "reference/fmnist_lt.py")
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)

torch.set_num_threads(2)
torch.manual_seed(0)
model = reference.SmallCNN(normed=False)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
attentional = reference.AttentionalLoss(0.7, 0.5)
x = torch.randn(128, 1, 28, 28)
y = torch.randint(0, 10, (128,))


def step():
    loss = attentional(model(x), y, None, 5.0)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    loss.item()


for _ in range(10):
    step()
blocks = []
for _ in range(6):
    start = time.perf_counter()
    for _ in range(10):
        step()
    blocks.append((time.perf_counter() - start) / 10)
median = statistics.median(blocks)
print(f"reference step {median * 1000:.1f} ms, {128 / median:.0f} images/s (median of 6 blocks of 10 steps)")
if len(sys.argv) > 1:
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profile:
        for _ in range(10):
            step()
    profile.export_chrome_trace(sys.argv[1])
    print(f"trace of 10 steps written to {sys.argv[1]}")
