"""Time gc.collect() on a live heap of N tracked objects, the way heaplab's collector
benchmark builds it, so the two can be compared (benches/collector.rs).

Shapes: flat (a list of N empty lists), tree (a binary tree of N nodes built children
first, as programs build them), random (N nodes, each holding 2 random others).
Prints one JSON line per shape: ns per tracked object, best of repeats.
"""
import gc
import json
import random
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
REPEAT = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def flat(n):
    return [[] for _ in range(n - 1)]


def tree(n):
    # Children before parents: nodes are lists [left, right], built bottom-up.
    level = [[] for _ in range((n + 1) // 2)]
    made = len(level)
    while len(level) > 1 and made < n:
        nxt = []
        for i in range(0, len(level) - 1, 2):
            if made >= n:
                break
            nxt.append([level[i], level[i + 1]])
            made += 1
        level = nxt + level[2 * len(nxt):]
    return level


def rand(n):
    rng = random.Random(42)
    nodes = [[] for _ in range(n - 1)]
    for node in nodes:
        node.append(nodes[rng.randrange(len(nodes))])
        node.append(nodes[rng.randrange(len(nodes))])
    return nodes


for name, build in [("flat", flat), ("tree", tree), ("random", rand)]:
    gc.collect()
    gc.disable()
    root = build(N)
    gc.collect()
    tracked = len(gc.get_objects())
    best = float("inf")
    for _ in range(REPEAT):
        t = time.perf_counter_ns()
        gc.collect()
        best = min(best, time.perf_counter_ns() - t)
    print(json.dumps({"shape": name, "tracked": tracked, "ns_per_object": best / tracked,
                      "ms": best / 1e6}))
    del root
    gc.enable()
