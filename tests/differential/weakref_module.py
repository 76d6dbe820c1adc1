import weakref, gc
class Obj:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Obj({self.n})"
cache = weakref.WeakValueDictionary()
a, b = Obj(1), Obj(2)
cache["a"] = a
cache["b"] = b
print(len(cache), sorted(cache.keys()), cache["a"], "b" in cache, cache.get("zz", "none"))
del b
print(len(cache), list(cache), "b" in cache)
try:
    cache["b"]
except KeyError as e:
    print("KeyError", e)
wk = weakref.WeakKeyDictionary()
k1, k2 = Obj(10), Obj(20)
wk[k1] = "first"
wk[k2] = "second"
print(len(wk), wk[k1], k2 in wk)
del k1
print(len(wk), [v for v in wk.values()])
def bye(name, punct="!"):
    print("finalized", name + punct)
x = Obj(3)
f = weakref.finalize(x, bye, "x", punct="?")
print(f.alive, f.peek()[0])
del x
print(f.alive)
y = Obj(4)
g = weakref.finalize(y, bye, "y")
g()
print(g.alive, g())
z = Obj(5)
h = weakref.finalize(z, bye, "z at exit")
w = Obj(6)
h2 = weakref.finalize(w, bye, "w at exit")
print("end of program")
