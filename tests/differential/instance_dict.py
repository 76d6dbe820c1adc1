# obj.__dict__ (materialized on first use, then the home of the attributes), vars(), dir(), globals(), locals().
import gc
class A:
    def __init__(self, x):
        self.x = x
        self.y = [x]
    @property
    def p(self): return 42
a = A(1)
print(a.__dict__, type(a.__dict__).__name__, vars(a) is a.__dict__)
a.__dict__["z"] = 3
print(a.z, a.x, a.p)
a.w = 5
print(a.__dict__, hasattr(a, "__dict__"))
del a.x
print(a.__dict__, hasattr(a, "x"))
a.__dict__.update({"q": 1, "x": 9})
print(sorted(a.__dict__.items()), a.x, a.q)
b = A(2)
print(b.__dict__)
class K:
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def __repr__(self):
        return "K(" + ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items()) + ")"
k = K(a=1, b="two")
print(k, k.a, k.b)
k.__dict__ = {"c": 3}
print(k.c, hasattr(k, "a"))
try:
    k.__dict__ = 5
except TypeError as e:
    print(e)
class S:
    __slots__ = ("a",)
try:
    S().__dict__
except AttributeError as e:
    print(e)
c = A(5)
d = c.__dict__
print(gc.get_referents(c)[0] is d, gc.is_tracked(d))
c.self = c
del c, d
print(gc.collect())
try:
    vars(3)
except TypeError as e:
    print(e)
class E(Exception): pass
e = E("m"); e.extra = 1
print(e.__dict__)
print(sorted(vars(A).keys()) if False else "")
