# A linked structure with __del__ and gc: object lifetimes printed in order.
import gc

class Node:
    live = 0
    def __init__(self, value, nxt=None):
        self.value = value
        self.nxt = nxt
        Node.live += 1
    def __del__(self):
        Node.live -= 1

def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head

def length(node):
    count = 0
    while node is not None:
        count += 1
        node = node.nxt
    return count

lst = build(1000)
print(length(lst), Node.live)
lst = None
print("after refcount release:", Node.live)
ring = build(100)
tail = ring
while tail.nxt is not None:
    tail = tail.nxt
tail.nxt = ring
del ring, tail
print("ring alive before collect:", Node.live)
print("collected:", gc.collect())
print("after collect:", Node.live)
