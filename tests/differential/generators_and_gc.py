# Generators and the collector: finally blocks of dropped generators, a generator
# in a cycle with itself (weakly referenced), send/return values.
import gc, weakref
class R:
    def __del__(self):
        print("R freed")
def gen():
    r = R()
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
g = gen()
print(next(g), gc.is_tracked(g))
del g
print("after del")
def cyc():
    me = yield
    yield me
g = cyc()
next(g)
g.send(g)
w = weakref.ref(g)
del g
print(w() is not None, gc.collect() >= 1, w())
def counter():
    n = 0
    while True:
        n += 1
        got = yield n
        if got == "stop":
            return n * 10
c = counter()
print(next(c), next(c), c.send(None))
try:
    c.send("stop")
except StopIteration as e:
    print("stopped", e.value)
print(list(x for x in range(3) if x), sum(x * x for x in range(4)))
