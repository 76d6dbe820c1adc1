# A mix of everyday features in one program: trees with generators, formatting, slicing,
# unpacking, comprehensions, keyword arguments, chained comparisons and the walrus.
import gc, sys, weakref
class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
    def __repr__(self):
        return f"Node({self.name!r})"
    def walk(self):
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

root = Node("root")
for i in range(3):
    c = Node(f"c{i}", root)
    for j in range(2):
        Node(f"c{i}.{j}", c)
print([n.name for n in root.walk()])
print(len(list(root.walk())))
r = weakref.ref(root)
del root, c
print(gc.collect(), r())
d = {"a": 1, "b": [1, 2, 3], "c": (4, 5)}
print(sorted(d.items(), key=lambda kv: kv[0], reverse=True))
print("%s has %d items, %.2f%%" % ("d", len(d), 12.3456))
print("{:>8}|{:<6}|{:^7}|".format("x", 1.5, "mid"))
print(f"{3.14159:.3f} {255:x} {255:08b} {1234567:,} {'s'!r:>5}")
s = "Hello, World"
print(s[::-1], s[2:8:2], s.split(", "), s.lower().count("l"), s.partition(", ") if hasattr(s, "partition") else None)
x = [5, 3, 8, 1]
x.sort()
print(x, x[-1], x[1:3], sum(x) / len(x), max(x, key=lambda v: -v))
a, *rest = x
print(a, rest)
print(divmod(-7, 2), -7 // 2, -7 % 2, 2 ** 100, 7 / 2, round(2.5), round(3.14159, 2))
print(int("42") + int(3.9), float("1.5"), str(1e16), 1e-5, 0.1 + 0.2)
print(list(zip("abc", range(3))), dict(zip("ab", [1, 2])), list(enumerate("xy", 1)))
print(any(v > 7 for v in x), all(v > 0 for v in x), list(map(str, x)), list(filter(None, [0, 1, 2])))
print({k: v for k, v in [(1, 2), (3, 4)]}, {v % 3 for v in range(10)})
try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e, repr(e), e.args)
try:
    raise ValueError("bad") from TypeError("cause")
except ValueError as e:
    print(repr(e.__cause__), e.__context__)
def f(a, b=2, *args, c=3, **kw):
    return a, b, args, c, kw
print(f(1), f(1, 5, 6, 7, c=8, d=9))
print(isinstance(True, int), issubclass(bool, int), type(3).__name__, callable(f))
print(sys.getrefcount(object()), hex(255), ord("a"), chr(98), abs(-3.5), pow(2, 10, 1000))
print(sorted([3, 1, 2], reverse=True), list(reversed(range(3))), min("abc"), "".join(sorted("cba")))
n = 0
while (n := n + 1) < 5:
    pass
print(n)
print(1 < 2 < 3, 1 < 3 < 2, not 0, None or "default", 0 and 1)
