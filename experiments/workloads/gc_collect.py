# Many small reference cycles (instances pointing at each other), made in
# batches and left for the cycle collector, then collected explicitly: the
# pattern of pyperformance's gc_collect. Prints what each collection found.
import gc
import sys

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 10000


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None


def make_cycles(count):
    for i in range(count):
        a = Node(i)
        b = Node(i + 1)
        c = Node(i + 2)
        a.next = b
        b.next = c
        c.next = a


gc.disable()
total = 0
for round in range(20):
    make_cycles(SCALE)
    found = gc.collect()
    total += found
print("rounds 20, objects collected", total)
gc.enable()
make_cycles(5 * SCALE)
print("after automatic collection, collect() finds", gc.collect() >= 0)
print("checksum", total)
