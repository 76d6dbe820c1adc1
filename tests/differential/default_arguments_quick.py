# Calls that give fewer arguments than parameters take the quick path with the
# defaults filled in (functions, methods, __init__); too few still raise.
def f(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)
print(f(1), f(1, 5), f(1, 5, []), f(2))
class K:
    def __init__(self, x, y=10, z=None):
        self.t = (x, y, z)
print(K(1).t, K(1, 2).t, K(1, 2, 3).t)
def g(a, b=1):
    return a + b
try:
    g()
except TypeError as e:
    print(e)
try:
    K()
except TypeError as e:
    print(e)
def rec(n, acc=0):
    return acc if n == 0 else rec(n - 1, acc + n)
print(rec(100), [g(i) for i in range(3)])
class M:
    def m(self, k=3):
        return k
print(M().m(), M().m(4))
