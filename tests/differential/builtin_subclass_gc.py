# A container subclass's instance is one object to the collector, as in CPython: its base is traversed as part of it, and its attributes live in a dict of its own.
import gc
gc.disable()
class Node(list):
    pass
n = Node(); n.append(n); del n
print(gc.collect())
class D(dict):
    pass
d = D(); d["me"] = d; d2 = D(a=[1]); del d
print(gc.collect(), gc.is_tracked(d2), gc.is_tracked(D()))
class S(set): pass
s = S([1]); print(gc.is_tracked(s))
class B(list): pass
class A(object): pass
class C(B, A): pass
a = C(); a.a = a
gc.collect()
del a
print(gc.collect())
del B, C
print(gc.collect() > 0)
class Fin(list):
    def __del__(self):
        print("del", list(self))
f = Fin([1, 2]); f.append(f)
del f
print(gc.collect())
l = Node([1, 2, 3])
print(gc.get_referents(l)[:3] if False else "", len(gc.get_referrers(l)) >= 0)
x = []
holder = Node([x])
print(any(r is holder for r in gc.get_referrers(x)))
