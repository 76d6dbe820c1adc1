import gc
gc.collect()
stats_before = [s["collections"] for s in gc.get_stats()]
gc.collect(0)
gc.collect(1)
gc.collect(2)
stats_after = [s["collections"] for s in gc.get_stats()]
print([a - b for a, b in zip(stats_after, stats_before)])
gc.set_debug(gc.DEBUG_SAVEALL)
class N:
    pass
for i in range(3):
    n = N()
    n.me = n
    del n
found = gc.collect()
print(found, len(gc.garbage), all(type(x).__name__ == "N" for x in gc.garbage))
gc.set_debug(0)
for x in gc.garbage:
    x.me = None
gc.garbage.clear()
print(gc.collect())
print(gc.get_debug(), gc.isenabled())
gc.disable()
items = []
for i in range(2000):
    c = [i]
    c.append(c)
print("no automatic collection while disabled:", gc.collect() >= 1999)
gc.enable()
