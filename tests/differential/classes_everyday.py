# Classes as programs write them (accounts, shapes, memoizing decorators), bound methods' and functions' introspection attributes.
import gc, sys, time, random, math
class Account:
    interest = 0.02
    _registry = {}
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account._registry[owner] = self
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("Deposit must be positive")
        self.balance += amt
        return self
    def __str__(self):
        return f"{self.owner}: {self.balance:.2f}"
    def __eq__(self, other):
        return isinstance(other, Account) and self.owner == other.owner
    __hash__ = None
a = Account("ann", 100).deposit(50)
print(a, Account._registry["ann"] is a)
try:
    a.deposit(-1)
except ValueError as e:
    print("error:", e)
try:
    hash(a)
except TypeError as e:
    print(e)
print(a == Account("ann"), a != Account("bob"))
class Shape:
    def area(self): raise NotImplementedError
    def __lt__(self, o): return self.area() < o.area()
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return math.pi * self.r ** 2
    def __repr__(self): return f"Circle({self.r})"
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s * self.s
    def __repr__(self): return f"Sq({self.s})"
shapes = [Circle(1), Sq(2), Circle(0.5), Sq(1)]
print(sorted(shapes), max(shapes), min(shapes, key=lambda s: s.area()))
print([f"{s.area():.3f}" for s in shapes])
try:
    Shape().area()
except NotImplementedError as e:
    print("NIE", repr(e))
matrix = [[1, 2], [3, 4]]
def matmul(a, b):
    return [[sum(x * y for x, y in zip(r, c)) for c in zip(*b)] for r in a]
print(matmul(matrix, matrix))
def memo(f):
    cache = {}
    def g(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return g
@memo
def fibm(n): return n if n < 2 else fibm(n - 1) + fibm(n - 2)
print(fibm(90))
print(type(1.0).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(print).__name__)
print(str(type(1)), repr(int), Account.__name__, Account.__qualname__, a.__class__.__name__)
print(isinstance(a, object), callable(a.deposit), a.deposit.__name__ if hasattr(a.deposit, "__name__") else "")
x = [1, [2, [3, [4]]]]
print(x, str(x), len(str(x)))
t = 1,
print(t, (), (1, 2) + (3,), tuple("ab"), list((1, 2)))
print(f"{'nested ' + str(3)!r:>15}", f"{a!s}", f"{3+4=}", f"{{literal}}")
s = 0
for i in range(10):
    if i % 2: continue
    s += i
print(s)
print(sum(i * i for i in range(100) if i % 7 == 0))
print(sorted(set("mississippi")), "".join(sorted(set("mississippi"))))
nums = list(range(20))
print(nums[::3], nums[-5:], nums[5:1:-1], nums[100:])
import weakref
print(int(True), float(3), complex if False else "c", 0x1F, 0o17, 0b11, 1_000_000)
print(3 & 5, 3 | 5, 3 ^ 5, ~3, 1 << 10, 1024 >> 3, -7 >> 1)
class A:
    def m(self):
        "doc"
        return 1
a = A()
bm = a.m
print(bm.__name__, bm.__qualname__, bm.__self__ is a, bm.__func__ is A.m, bm.__module__)
def f(x, y=2, z=3): pass
print(f.__name__, f.__module__, f.__defaults__, f.__qualname__)
