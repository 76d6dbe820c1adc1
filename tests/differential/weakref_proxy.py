# weakref.proxy: stands for its referent (attributes, calls, operators, len,
# items, str, truth, isinstance), unhashable, ReferenceError once the referent is
# gone, callbacks through the collector; the weakref types' names.
import weakref, gc
class Node:
    def __init__(self, v): self.v = v
    def __len__(self): return 3
    def __add__(self, o): return self.v + o
    def __call__(self, x): return x * 2
    def __getitem__(self, i): return i
    def __eq__(self, o): return isinstance(o, Node) and o.v == self.v
    __hash__ = object.__hash__
    def __repr__(self): return "Node(%d)" % self.v
n = Node(3)
p = weakref.proxy(n)
print(type(p).__name__, isinstance(p, Node), p == n, n == p, p + 1, len(p), p[5], p(4), str(p), bool(p))
print(weakref.getweakrefcount(n), len(weakref.getweakrefs(n)), gc.is_tracked(p))
try:
    hash(p)
except TypeError as e:
    print(e)
class Plain: pass
q = weakref.proxy(Plain())
print(type(q).__name__)
try:
    q.x
except ReferenceError as e:
    print(e)
r = weakref.ref(n)
p2 = weakref.proxy(n)
print(p2 is p, weakref.getweakrefcount(n))
print(repr(p).split()[0], repr(p).split()[3:5])
del n
try:
    print(p)
except ReferenceError as e:
    print("dead", e)
# Proxies and the collector: a cycle dies in a collection, its proxy's callback runs.
class Cyc:
    pass
c = Cyc()
c.me = c
events = []
pc = weakref.proxy(c, lambda w: events.append(("proxy callback", type(w).__name__)))
rc = weakref.ref(c, lambda w: events.append("ref callback"))
print(weakref.getweakrefcount(c), [type(w).__name__ for w in weakref.getweakrefs(c)])
del c
print(gc.collect() >= 1, events)
try:
    pc.me
except ReferenceError as e:
    print(e)
print(repr(pc).split()[0], repr(pc).split()[3:5], type(pc), type(weakref.ref(Cyc)))
