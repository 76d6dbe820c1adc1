import gc
class Node:
    pass
gc.collect()
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
a = Node()
b = Node()
a.b = b
b.a = a
del a, b
print("collected", gc.collect())
gc.set_debug(0)
