# Linked list class with iteration protocol via __iter__ returning a generator.
class LinkedList:
    class Node:
        def __init__(self, value, nxt):
            self.value = value
            self.nxt = nxt
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for x in reversed(list(items)):
            self.push(x)
    def push(self, value):
        self.head = LinkedList.Node(value, self.head)
        self.size += 1
    def __iter__(self):
        node = self.head
        while node is not None:
            yield node.value
            node = node.nxt
    def __len__(self):
        return self.size
    def __repr__(self):
        return "LinkedList(" + ", ".join(repr(v) for v in self) + ")"
ll = LinkedList([3, 1, 4, 1, 5])
print(ll, len(ll), list(ll), sum(ll), max(ll), 4 in ll, sorted(ll))
ll.push(9)
print([v * 2 for v in ll][:3], type(ll.head).__name__)
