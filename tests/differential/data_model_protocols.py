# The data model in everyday use: operators and their reflected and in-place forms,
# iteration by __iter__ and by __getitem__, __getattr__, __call__, __format__, custom
# exceptions with __str__, super() chains, and item access.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return Vec(-self.x, -self.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __lt__(self, o): return abs(self) < abs(o)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f"Vec({self.x}, {self.y})"
    def __iter__(self):
        yield self.x
        yield self.y
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __len__(self): return 2
    def __bool__(self): return bool(self.x or self.y)
v = Vec(3, 4)
w = Vec(1, 1)
print(v + w, v - w, v * 2, 2 * v, -v, abs(v), v == Vec(3, 4), v != w, sorted([v, w]), max(v, w))
v += w
print(v, list(v), v[0], len(v), bool(Vec(0, 0)), x if (x := Vec(0, 1)) else None)
a, b = v
print(a, b, dict(a=v), {v: 1}[Vec(4, 5)])
class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class Dyn:
    def __getattr__(self, name):
        return name.upper()
d = Dyn()
print(d.hello, getattr(d, "x"), hasattr(d, "anything"))
class Called:
    def __init__(self): self.n = 0
    def __call__(self, k=1):
        self.n += k
        return self.n
c = Called()
c(); c(5)
print(c.n, callable(c))
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[0]}"
try:
    raise AppError(404, "not found")
except Exception as e:
    print(e, repr(e), e.code, isinstance(e, AppError), type(e).__name__)
class Base:
    def __init__(self):
        self.log = ["Base"]
    def hello(self):
        return "base"
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Mid")
    def hello(self):
        return "mid+" + super().hello()
class Leaf(Mid):
    def __init__(self):
        super().__init__()
        self.log.append("Leaf")
    def hello(self):
        return "leaf+" + super().hello()
l = Leaf()
print(l.log, l.hello(), isinstance(l, Base), issubclass(Leaf, (int, Mid)), Leaf.__mro__ if False else Leaf.__name__)
class Counter:
    def __init__(self): self.items = {}
    def __setitem__(self, k, v): self.items[k] = v
    def __getitem__(self, k): return self.items.get(k, 0)
    def __delitem__(self, k): del self.items[k]
    def __contains__(self, k): return k in self.items
c = Counter()
c["a"] = 5; c["b"] += 2
del c["a"]
print(c["a"], c["b"], "b" in c, "a" in c)
print(str(v), f"{v}", f"{v!r}", "%s" % v, [v], (v,), {"k": v})
class Temp:
    def __init__(self, d): self.d = d
    def __format__(self, spec): return f"{self.d:{spec}}C" if spec else f"{self.d}C"
print(f"{Temp(21.456):.1f}", format(Temp(3)), "{:>6}".format(Temp(5)))
