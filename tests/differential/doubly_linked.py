import gc
# A doubly linked list: every node is in a reference cycle with its neighbours.
class DNode:
    count = 0
    def __init__(self, v):
        self.v = v
        self.prev = self.next = None
        DNode.count += 1
    def __del__(self):
        DNode.count -= 1
def make(n):
    head = DNode(0)
    cur = head
    for i in range(1, n):
        node = DNode(i)
        cur.next = node
        node.prev = cur
        cur = node
    return head
gc.collect()
lst = make(500)
total, node = 0, lst
while node:
    total += node.v
    node = node.next
print(total, DNode.count)
del lst, node
print("alive before collect:", DNode.count)
print("collect:", gc.collect(), "alive:", DNode.count)
