import gc

order = []

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        order.append(self.name)

items = [Tracked(str(i)) for i in range(5)]
del items
print("list frees last to first:", order)
order.clear()

saved = []
class Phoenix:
    def __del__(self):
        saved.append(self)
        print("resurrected")

p = Phoenix()
p.cycle = p
del p
print("collected", gc.collect(), len(saved))
saved.clear()
print("second death runs no finalizer:", gc.collect())

class Chain:
    def __init__(self, nxt):
        self.nxt = nxt

head = None
for i in range(100000):
    head = Chain(head)
del head
print("a long chain freed without recursion")

class Loud:
    def __del__(self):
        raise RuntimeError("boom")

l = Loud()
del l
print("an exception in __del__ is reported and ignored")
