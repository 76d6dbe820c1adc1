# Instantiation through the quick path (a class whose __init__ takes exactly the
# arguments given) and the general one: errors, __init__ returning a value,
# inherited and closure __init__s, finalizers, recursion; argument errors name the
# function by its qualified name as CPython 3.11 does.
import gc
class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b
class Bad:
    def __init__(self, x):
        if x:
            raise ValueError("bad init")
class Ret:
    def __init__(self):
        return 5
class Def:
    def __init__(self, a, b=2):
        self.s = a + b
class Sub(P):
    pass
def make_closure():
    k = 10
    class C:
        def __init__(self, v):
            self.v = v + k
    return C
C = make_closure()
class D:
    def __del__(self):
        print("del D", self.n)
    def __init__(self, n):
        self.n = n
gc.collect()
c0 = gc.get_count()[0]
p = P(1, 2)
print(p.a, p.b, Sub(3, 4).b, Def(1).s, Def(1, 5).s, C(1).v)
try:
    Bad(1)
except ValueError as e:
    print("VE", e)
try:
    Ret()
except TypeError as e:
    print("TE", e)
try:
    P(1)
except TypeError as e:
    print("TE", e)
D(7)
x = D(8)
del x
import sys
class Deep:
    def __init__(self, n):
        self.child = Deep(n - 1) if n else None
try:
    Deep(5000)
except RecursionError:
    print("RE")
print(Deep(10).child.child is not None)

def outer():
    def f(a, *, k):
        pass
    return f
class P:
    def m(self, x):
        pass
for call in [lambda: outer()(), lambda: outer()(1, 2), lambda: outer()(1), lambda: outer()(1, k=1, z=2), lambda: P().m(), lambda: P().m(1, x=2), lambda: (lambda q: q)()]:
    try:
        call()
    except TypeError as e:
        print(e)
