import gc
import weakref

class Obj:
    def __init__(self, name):
        self.name = name

gc.collect()
# A weakref inside the garbage cycle: its callback must not run.
a = Obj("a")
b = Obj("b")
a.b = b
b.a = a
a.wr = weakref.ref(b, lambda r: print("callback for b (should not run)"))
keep = weakref.ref(a, lambda r: print("callback for a runs"))
del a, b
print("collected", gc.collect())
print("keep() is None:", keep() is None)

# Finalizer that creates new garbage during collection.
class Maker:
    def __del__(self):
        x = []
        x.append(x)

m = Maker()
m.self = m
del m
print("first", gc.collect())
print("second", gc.collect())

# Resurrection and is_finalized.
saved = []
class Lazarus:
    def __del__(self):
        saved.append(self)

l = Lazarus()
l.cycle = l
del l
print("collect with resurrection", gc.collect())
print(len(saved), gc.is_finalized(saved[0]))
saved.clear()
print("after release", gc.collect())

# Freeze moves everything out of the collector's reach.
gc.collect()
junk = []
junk.append(junk)
gc.freeze()
del junk
print("frozen garbage not collected:", gc.collect())
gc.unfreeze()
print("after unfreeze:", gc.collect())

# gc.callbacks see start and stop with the collection's info.
seen = []
def cb(phase, info):
    seen.append((phase, info["generation"], info["collected"]))
gc.callbacks.append(cb)
t = []
t.append(t)
del t
gc.collect()
gc.callbacks.remove(cb)
print(seen)
