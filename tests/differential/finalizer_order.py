import gc
# Objects made in one order, freed by the collector: finalizers run in
# CPython's order (the order of the unreachable list).
class F:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalize", self.name)

gc.collect()
ring = [F(c) for c in "abcde"]
for i in range(len(ring)):
    ring[i].next = ring[(i + 1) % len(ring)]
del ring
print("collect", gc.collect())

class Holder:
    pass
h = Holder()
h.items = [F("x"), F("y")]
h.items.append(h)
del h
print("collect", gc.collect())
first = F("first")
second = F("second")
first.other = second
second.other = first
del second
del first
print("collect", gc.collect())
print("end")
