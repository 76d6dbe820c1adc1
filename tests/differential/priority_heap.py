# An event queue with priorities (a binary heap written by hand).
class Heap:
    def __init__(self):
        self.items = []
    def push(self, item):
        self.items.append(item)
        i = len(self.items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.items[parent] <= self.items[i]:
                break
            self.items[parent], self.items[i] = self.items[i], self.items[parent]
            i = parent
    def pop(self):
        items = self.items
        last = items.pop()
        if not items:
            return last
        top, items[0] = items[0], last
        i, n = 0, len(items)
        while True:
            l, r, smallest = 2 * i + 1, 2 * i + 2, i
            if l < n and items[l] < items[smallest]:
                smallest = l
            if r < n and items[r] < items[smallest]:
                smallest = r
            if smallest == i:
                return top
            items[i], items[smallest] = items[smallest], items[i]
            i = smallest
    def __len__(self):
        return len(self.items)
h = Heap()
for x in [(5, "e"), (1, "a"), (3, "c"), (4, "d"), (2, "b"), (1, "aa")]:
    h.push(x)
out = []
while len(h):
    out.append(h.pop())
print(out)
