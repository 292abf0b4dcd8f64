#!/usr/bin/env python3
"""Summarise a libtorch/PyTorch Chrome trace (from `absgd bench --profile FILE`, or from
torch.profiler's export_chrome_trace): self time per operator, largest first, per step.

usage: profile-summary.py TRACE [--steps N] [--top K]
"""
import argparse
import collections
import json


def self_times(events):
    """Self time (microseconds) per event name: an operator's duration minus its children's."""
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[(e.get("pid"), e.get("tid"))].append(e)
    totals = collections.Counter()
    calls = collections.Counter()
    for thread_events in by_thread.values():
        thread_events.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [end, name, child time]
        for e in thread_events:
            while stack and e["ts"] >= stack[-1][0]:
                end, name, child = stack.pop()
                totals[name] -= child
            start, dur = e["ts"], e["dur"]
            if stack:
                stack[-1][2] += dur
            totals[e["name"]] += dur
            calls[e["name"]] += 1
            stack.append([start + dur, e["name"], 0])
        while stack:
            end, name, child = stack.pop()
            totals[name] -= child
    return totals, calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--steps", type=int, default=1, help="steps the trace holds (to print per-step times)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with open(args.trace) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    totals, calls = self_times(events)
    grand = sum(totals.values())
    print(f"{'operator':<44} {'ms/step':>9} {'share':>7} {'calls/step':>10}")
    for name, us in totals.most_common(args.top):
        print(f"{name[:44]:<44} {us / 1000 / args.steps:9.2f} {us / grand:7.1%} {calls[name] / args.steps:10.1f}")
    print(f"{'all operators (self time, every thread)':<44} {grand / 1000 / args.steps:9.2f}")


if __name__ == "__main__":
    main()
