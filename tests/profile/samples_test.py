#!/usr/bin/env python3
"""Checks the profile parser against every trace in a samples logdir.

For each *.pt.trace.json[.gz] under SAMPLES, the figures are computed here
from the raw JSON with Python's json module (independently of tbx's C++
reader) and compared with `profile_tool summary`: event count, profiler steps,
per-operator calls and host time, per-kernel calls and time, memory
allocations. Exits 77 (skipped) when SAMPLES does not exist.

usage: samples_test.py PROFILE_TOOL SAMPLES
"""
import collections
import gzip
import json
import os
import subprocess
import sys

OP_CATEGORIES = {"cpu_op", "Operator", "operator"}
KERNEL_CATEGORIES = {"kernel", "Kernel"}


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return data if isinstance(data, list) else data["traceEvents"]


def ns(micros):
    return round(micros * 1000)


def expected(events):
    out = {
        "events": 0,
        "steps": [],
        "ops": collections.defaultdict(lambda: [0, 0]),
        "kernels": collections.defaultdict(lambda: [0, 0]),
        "allocations": 0,
    }
    for e in events:
        ph = e.get("ph")
        if ph in ("X", "B", "i", "I", "R") and "ts" in e:
            out["events"] += 1
        if ph != "X" and ph not in ("i", "I"):
            continue
        name = e.get("name", "")
        cat = e.get("cat")
        if ph == "X" and name.startswith("ProfilerStep#"):
            out["steps"].append(name.split("#", 1)[1])
            continue
        if ph == "X" and (cat in OP_CATEGORIES or
                          (cat is None and e.get("pid") == "CPU functions")):
            row = out["ops"][name]
            row[0] += 1
            row[1] += ns(e.get("dur", 0))
        elif ph == "X" and cat in KERNEL_CATEGORIES:
            row = out["kernels"][name]
            row[0] += 1
            row[1] += ns(e.get("dur", 0))
        elif name == "[memory]" and e.get("args", {}).get("Bytes", 0) > 0:
            out["allocations"] += 1
    return out


def check(tool, path):
    problems = []
    want = expected(load(path))
    got = json.loads(subprocess.run([tool, "summary", path], check=True,
                                    capture_output=True, text=True).stdout)
    overview = got["overview"]
    if not overview["complete"] or overview["notes"]:
        problems.append(f"unexpected notes {overview['notes']}")
    if overview["events"] != want["events"]:
        problems.append(f"events {overview['events']} != {want['events']}")
    steps = [s["name"] for s in overview["steps"]]
    kept = len(want["steps"]) - overview["removed_tail_steps"]
    if want["steps"]:
        if steps != sorted(want["steps"], key=int)[:kept]:
            problems.append(f"steps {steps} != {want['steps']}")
    elif steps != ["0"]:
        problems.append(f"steps {steps}, wanted one whole-trace step")
    for s in overview["steps"]:
        if sum(s["costs_ns"]) != s["duration_ns"]:
            problems.append(f"step {s['name']} breakdown does not add up")
    cols = got["operators"]["columns"]
    ops = {r[0]: (r[cols.index("calls")], r[cols.index("host_total_ns")])
           for r in got["operators"]["rows"]}
    if set(ops) != set(want["ops"]):
        problems.append(f"operator names differ: {set(ops) ^ set(want['ops'])}")
    for name, (calls, total) in want["ops"].items():
        g = ops.get(name, (0, 0))
        if g[0] != calls or abs(g[1] - total) > calls:
            problems.append(f"operator {name}: {g} != {(calls, total)}")
    by_shape_calls = sum(r[2] for r in got["operators_by_shape"]["rows"])
    if by_shape_calls != sum(c for c, _ in want["ops"].values()):
        problems.append("operators by shape do not add up to the calls")
    kcols = got["kernels"]["columns"]
    kernels = {r[0]: (r[kcols.index("calls")], r[kcols.index("total_ns")])
               for r in got["kernels"]["rows"]}
    if set(kernels) != set(want["kernels"]):
        problems.append("kernel names differ")
    for name, (calls, total) in want["kernels"].items():
        g = kernels.get(name, (0, 0))
        if g[0] != calls or abs(g[1] - total) > calls:
            problems.append(f"kernel {name}: {g} != {(calls, total)}")
    if got["memory"]["allocations_total"] != want["allocations"]:
        problems.append(f"allocations {got['memory']['allocations_total']} != "
                        f"{want['allocations']}")
    print(f"{os.path.basename(path)}: {want['events']} events, "
          f"{len(want['steps'])} steps, {len(want['ops'])} operators, "
          f"{len(want['kernels'])} kernels: "
          f"{'OK' if not problems else 'FAILED'}")
    for p in problems:
        print("  " + p)
    return not problems


def main():
    tool, samples = sys.argv[1], sys.argv[2]
    if not os.path.isdir(samples):
        print(f"skipped: no profiler samples at {samples}")
        return 77
    paths = []
    for root, _, files in os.walk(samples):
        paths += [os.path.join(root, f) for f in files
                  if f.endswith(".pt.trace.json") or
                  f.endswith(".pt.trace.json.gz")]
    if not paths:
        print(f"skipped: no traces under {samples}")
        return 77
    ok = all([check(tool, p) for p in sorted(paths)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
