import gc

class A:
    pass

gc.collect()
print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
a = A()
a.self = a
print(gc.is_tracked(a), gc.is_finalized(a))
del a
print(gc.collect(0) + gc.collect(1) + gc.collect(2))
stats = gc.get_stats()
print(len(stats), sorted(stats[2].keys()))
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
b = A()
b.me = b
del b
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
x = [1, 2]
y = {"k": x}
print(gc.get_referents(y) == ["k", x] or gc.get_referents(y) == [x, "k"] or len(gc.get_referents(y)))
print(any([r is y for r in gc.get_referrers(x)]))
events = []
def cb(phase, info):
    events.append((phase, info["generation"]))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(events)
