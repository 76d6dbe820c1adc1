# Subclasses of list, dict and set: their methods, protocols, __missing__, super() and explicit dict.__setitem__(self, ...), a program's overrides first.
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2); s.push(3)
print(len(s), s.peek(), s.pop(), isinstance(s, list), type(s).__name__)
print(s, repr(s), str(s), list(s), s[0], s[-1], s[:1], 2 in s, bool(s), bool(Stack()))
for x in s:
    print("item", x)
s2 = Stack([5, 4, 3])
print(s2, sorted(s2), s2 + [1], s == [1, 2], s != [1, 2], s2 > s)
s2.sort()
s2[0] = 10
del s2[1]
print(s2, s2.index(10), s2.count(4))
s2 += [7]
print(s2, type(s2).__name__)
class Counter(dict):
    def __missing__(self, key):
        return 0
    def add(self, k):
        self[k] += 1
c = Counter()
for ch in "hello":
    c.add(ch)
print(c, c["z"], sorted(c.items()), len(c), "h" in c, c.get("q", -1))
class Attr(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
    def __setattr__(self, k, v):
        self[k] = v
a = Attr(x=1)
a.y = 2
print(a, a.x, a.y, dict(a), list(a.keys()), hasattr(a, "z"))
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v.upper())
u = Upper()
u["a"] = "x"
dict.__setitem__(u, "b", "y")
print(u)
class Init(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
i = Init(3)
print(i, i.n, len(i), i.__dict__)
class S(set):
    pass
ss = S([1, 2, 2])
ss.add(5)
print(sorted(ss), len(ss), 5 in ss, isinstance(ss, set), ss | {9} == {1, 2, 5, 9})
class E(list):
    def __eq__(self, o): return True
    def __len__(self): return 42
e = E([1])
print(e == [9], len(e), e[0])
try:
    hash(Stack())
except TypeError as ex:
    print("unhashable")
import gc
class Node(list):
    pass
n = Node(); n.append(n); del n
print(gc.collect() > 0)
try:
    class Bad(list, dict): pass
except TypeError as ex:
    print(ex)
print(list.__len__(Stack([1, 2])), Stack.__name__, Stack.__mro__[1].__name__)
class LRU(dict):
    def __init__(self, cap, **kw):
        super().__init__(**kw)
        self.cap = cap
    def __setitem__(self, k, v):
        if k in self:
            del self[k]
        elif len(self) >= self.cap:
            oldest = next(iter(self))
            del self[oldest]
        super().__setitem__(k, v)
c = LRU(2, a=1)
c["b"] = 2; c["c"] = 3; c["b"] = 4
print(c, c.cap, list(c), list(c.items()), c.get("a"), len(c), c.__dict__)
class DefaultList(dict):
    def __missing__(self, k):
        v = self[k] = []
        return v
g = DefaultList()
for w in "apple avocado banana blueberry cherry".split():
    g[w[0]].append(w)
print(g, sorted(g), {k: len(v) for k, v in g.items()})
class Matrix(list):
    @classmethod
    def zeros(cls, n):
        return cls([[0] * n for _ in range(n)])
    def t(self):
        return Matrix(map(list, zip(*self)))
    def __repr__(self):
        return "Matrix(" + super().__repr__() + ")"
m = Matrix.zeros(2)
m[0][1] = 5
print(m, m.t(), type(m.t()).__name__, len(m), m == [[0, 5], [0, 0]])
class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
        return self
t = Tags().add_all("b", "a", "b")
print(sorted(t), len(t), "a" in t, t & {"a", "z"}, type(t).__name__, isinstance(t, set))
class Stack(list):
    pass
s = Stack(range(5))
a, b, *rest = s
print(a, b, rest, s * 2, [9] + s, sum(s), max(s), sorted(s, reverse=True), s[::2], str(s), f"{s}")
print(" ".join(map(str, s)), list(reversed(s)), list(enumerate(s))[:2], dict.fromkeys(s, 0))
s.extend(s)
s.insert(0, -1)
s.remove(4)
print(s, s.copy(), type(s.copy()).__name__, s.pop(0), s.index(3))
class A: pass
try:
    dict.update(A(), {})
except TypeError as e:
    print(e)
try:
    list.append(3, 4)
except TypeError as e:
    print(e)
