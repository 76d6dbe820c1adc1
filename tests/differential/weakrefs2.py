import weakref, gc
class Obj:
    def __init__(self, n):
        self.n = n
log = []
objs = [Obj(i) for i in range(3)]
refs = [weakref.ref(o, lambda r, i=i: log.append(i)) for i, o in enumerate(objs)]
del objs
print(log, [r() for r in refs])
class Node:
    pass
a = Node(); b = Node()
a.b = b; b.a = a
wr_a = weakref.ref(a, lambda r: print("cb a"))
wr_b = weakref.ref(b, lambda r: print("cb b"))
del a, b
n = gc.collect()
print("collected", n, wr_a(), wr_b())
o = Obj(5)
r1 = weakref.ref(o)
r2 = weakref.ref(o)
print(r1 is r2, weakref.getweakrefcount(o), len(weakref.getweakrefs(o)))
r3 = weakref.ref(o, print)
print(r1 is r3, weakref.getweakrefcount(o))
print(r1 == r2, r3() is o, r1().n)
del r3
