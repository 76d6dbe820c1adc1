# A bare object() holds nothing (no attributes, no weak references, untracked); sets are tracked from birth, as CPython's.
import weakref, gc
o = object()
try:
    weakref.ref(o)
except TypeError as e:
    print(e)
try:
    o.x = 1
except AttributeError as e:
    print(e)
print(o == o, o != object(), type(o).__name__, gc.is_tracked(o), hash(o) == hash(o), str(o)[:17])
s = {1, 2}
l = [s]
del l
print(gc.collect())
class A: pass
a = A(); a.s = {1}; a.me = a
del a
print(gc.collect())
print(len([x for x in gc.get_objects() if type(x) is set]) >= 0)
import gc
print(gc.is_tracked(set()), gc.is_tracked({1}), gc.is_tracked(frozenset()), gc.is_tracked(frozenset([1])), gc.is_tracked(frozenset([(1,)])), gc.is_tracked(object()))
s = {1, 2}; gc.collect(); print(gc.is_tracked(s))
