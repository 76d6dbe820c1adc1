# A program of the kind users write: accounts with special methods, a matrix with
# item access and operators, weak values, finalize, generators and formatting.
import gc
import sys
import time
from weakref import ref, WeakValueDictionary, finalize

class Account:
    total = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.total += 1
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"invalid amount: {amount}")
        self.balance += amount
        return self
    def __str__(self):
        return f"{self.owner}: {self.balance:.2f}"
    def __repr__(self):
        return "Account(%r, %r)" % (self.owner, self.balance)
    def __eq__(self, other):
        return isinstance(other, Account) and self.owner == other.owner
    def __lt__(self, other):
        return self.balance < other.balance
    def __hash__(self):
        return hash(self.owner)
    def __len__(self):
        return len(self.owner)

class Savings(Account):
    rate = 0.05
    def __init__(self, owner, balance=0):
        super().__init__(owner, balance)
        self.history = []
    def add_interest(self):
        interest = self.balance * self.rate
        self.history.append(interest)
        return self.deposit(interest)

accts = [Account("bob", 10), Savings("alice", 100), Account("carol")]
accts[1].add_interest().add_interest()
for a in sorted(accts):
    print(a, repr(a), len(a))
print(Account.total, accts[0] == Account("bob"), accts[0] != accts[1])
print({a.owner: a.balance for a in accts}["alice"])
print(str(accts[1]), [str(x) for x in accts])
try:
    accts[0].deposit(-5)
except ValueError as e:
    print("error:", e)
print(isinstance(accts[1], Account), type(accts[1]).__name__, Savings.__mro__ if False else Savings.__name__)
print(max(accts).owner, min(accts, key=lambda a: a.balance).owner)
s = set(accts) | {accts[0]}
print(len(s))
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        r, c = idx
        return self.rows[r][c]
    def __setitem__(self, idx, v):
        r, c = idx
        self.rows[r][c] = v
    def __iter__(self):
        return iter(self.rows)
    def __contains__(self, v):
        return any(v in r for r in self.rows)
    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])
    def __mul__(self, k):
        return Matrix([[a * k for a in r] for r in self.rows])
    __rmul__ = __mul__
    def __bool__(self):
        return bool(self.rows)
    def __call__(self, x):
        return x * 2
m = Matrix([[1, 2], [3, 4]])
m[0, 1] = 9
print(m[0, 1], 4 in m, 5 in m, (m + m).rows, (m * 2).rows, (3 * m).rows, bool(m), m(21))
for row in m:
    print(row)
wv = WeakValueDictionary()
wv["a"] = accts[0]
print(len(wv), "a" in wv)
cnt = []
f = finalize(accts[2], cnt.append, "done")
del accts[2]
print(cnt, f.alive)
gen = (i * i for i in range(5))
print(next(gen), list(gen))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for i, v in enumerate(fib()):
    if i >= 10:
        break
    out.append(v)
print(out)
print(sys.getsizeof([]), sys.getsizeof({}), sys.getsizeof(()), sys.getsizeof(""), sys.getsizeof(1))
t0 = time.perf_counter()
print(type(t0).__name__)
x = list(range(10))
x[2:5] = ["a", "b"]
del x[::3]
print(x, x.count(6))
d = dict.fromkeys("abc", 0)
d.update(b=2, d=4)
print(d, d.pop("a"), d.setdefault("e", 5), d.popitem(), list(d.keys()))
print("a,b,,c".split(","), "  x  ".strip(), "abc".upper().startswith("AB"), "x".join("123"), "5".zfill(3), "ab".center(6, "*") if hasattr("", "center") else "")
print(f"{'left':<10}|{'right':>10}|{42:^6d}|{3.0:g}|{1/3:.4}")
print(int("ff", 16), int("0b101", 0) if False else 5, bin(10), oct(8), 10 ** -2, 2 ** 0.5, float("inf"), -0.0)
print([1, 2] * 3, (1,) + (2,), "ab" * 2, [[0] * 2 for _ in range(2)])
