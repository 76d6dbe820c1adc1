"""Full collections of 10^6 live objects, heaplab against CPython, in the same run.

Runs `gc/examples/full_collection.rs` (built in release mode), once per heaplab
allocator, and `cpython_full_collection.py` in turns, ROUNDS times each, so that both
see the same machine (a shared VM's memory bandwidth drifts by tens of percent over
minutes), and prints the best ns per tracked object of each, per shape, with the ratio.

    python3 experiments/collector/compare.py [N] [ROUNDS] [ALLOCATORS]

ALLOCATORS is a comma-separated list of heaplab allocators for the heap (default
`pymalloc,pymalloc-thp,mimalloc`; `pymalloc-thp` is pymalloc with 2 MiB arenas on
transparent huge pages).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
N = sys.argv[1] if len(sys.argv) > 1 else "1000000"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
ALLOCATORS = (sys.argv[3] if len(sys.argv) > 3 else "pymalloc,pymalloc-thp,mimalloc").split(",")

subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "gc", "--example",
                "full_collection"], cwd=ROOT, check=True)
heaplab = os.path.join(ROOT, "target", "release", "examples", "full_collection")
cpython = [sys.executable, os.path.join(HERE, "cpython_full_collection.py"), N, "3"]


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {r["shape"]: r["ns_per_object"] for r in map(json.loads, out.splitlines())}


runs = [("CPython", cpython)] + [(a, [heaplab, N, "3", "all", a]) for a in ALLOCATORS]
best = {name: {} for name, _ in runs}
for _ in range(ROUNDS):
    for name, cmd in runs:
        for shape, ns in run(cmd).items():
            best[name][shape] = min(ns, best[name].get(shape, float("inf")))

print(f"{'shape':8} {'heap':22} {'ns/object':>10} {'vs CPython':>11}")
for shape, theirs in best["CPython"].items():
    print(f"{shape:8} {'CPython 3.11':22} {theirs:10.1f}")
    for name in ALLOCATORS:
        ours = best[name][shape]
        print(f"{shape:8} {'heaplab ' + name:22} {ours:10.1f} {theirs / ours:10.2f}x")
