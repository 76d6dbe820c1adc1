# A large live heap — a tree of instances and lists — and repeated full
# collections that find nothing: the cost of gc.collect() is the traversal.
# The time spent inside gc.collect() goes to stderr; the checksum to stdout.
import gc
import sys
import time


class Node:
    def __init__(self, children):
        self.children = children
        self.payload = [len(children)]


def build(depth, fanout):
    if depth == 0:
        return Node([])
    return Node([build(depth - 1, fanout) for _ in range(fanout)])


def count(node):
    total = 0
    stack = [node]
    while stack:
        n = stack.pop()
        total += 1
        stack.extend(n.children)
    return total


DEPTH = int(sys.argv[1]) if len(sys.argv) > 1 else 6
root = build(DEPTH, 6)
gc.collect()
spent = 0.0
collected = 0
for _ in range(20):
    start = time.perf_counter()
    collected += gc.collect()
    spent += time.perf_counter() - start
print("nodes", count(root), "collected", collected)
print(f"time in gc.collect(): {spent * 1000:.1f} ms", file=sys.stderr)
