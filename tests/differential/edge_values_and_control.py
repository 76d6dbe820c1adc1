# Edge cases of everyday values: self-containing containers, float printing and rounding (round of a huge float is a big int), %-formats, bytes.
l = [1]; l.append(l); print(l)
d = {}; d["self"] = d; print(d)
class A:
    def __repr__(self): return "A()"
print([A(), A()], {1: A()}, (A(),))
print(str(1.0), str(10**20 * 1.0), 1e16, 1e15, 12345.678e10, float("1e-5"), 5e-324)
print(round(0.5), round(1.5), round(2.675, 2), round(-0.5), round(1e20), round(3.14159, 3))
print(divmod(7.5, 2), 7.5 % 2, -7.5 // 2, 2 ** 0.5, 10 ** -2, (-8) ** (1/3) if False else 0)
print(int(-3.7), int("  42  "), int("-0"), float("  -3.5 "), str(-0.0), abs(-0.0))
print(max([], default=5), min((3, "a"), (3, "b")), sum([1.5, 2.5], 10))
print(sorted(["b", "A", "a", "B"]), sorted(["b", "A", "a"], key=str.lower))
print(list(map(str.upper, ["a", "b"])), list(zip(*[(1, "a"), (2, "b")])))
print(" ".join(f"{x:3d}" for x in range(3)), "|".join(["a"] * 3))
print("%5.2f%%" % 12.345, "%s" % [1, 2], "%(a)s-%(b)d" % {"a": "x", "b": 2})
print(bytes([65, 66]), bytearray(b"ab") if False else "", b"a" * 3, len(b"abc"), b"abc"[1])
print(hash(None) == hash(None), id(None) == id(None))
import gc
print(gc.collect(), gc.collect())
print(enumerate.__name__ if hasattr(enumerate, "__name__") else "")

def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), "ab")))
def g():
    r = yield from sub()
    print("sub returned", r)
def sub():
    yield 1
    return 42
print(list(g()))
def tracer():
    try:
        while True:
            v = yield
            print("got", v)
    finally:
        print("cleanup")
t = tracer(); next(t); t.send("a"); t.send("b"); t.close()
def thrower():
    try:
        yield 1
    except KeyError as e:
        print("caught", e)
        yield 2
th = thrower(); print(next(th), th.throw(KeyError("k")))
gen = (x for x in range(3))
print(next(gen), list(gen), list(gen))
def nested():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise ValueError("inner")
    except ValueError as e:
        print(type(e.__context__).__name__, e.__suppress_context__)
    try:
        raise KeyError("x") from None
    except KeyError as e:
        print(e.__cause__, e.__suppress_context__)
nested()
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def loop_finally():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
loop_finally()
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
class E1(Exception): pass
class E2(E1): pass
for exc in (E2, E1, Exception):
    try:
        raise exc("m")
    except E2:
        print("E2")
    except E1 as e:
        print("E1", e)
    except Exception as e:
        print("Exception", type(e).__name__)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    None.x
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    int("x")
except (TypeError, ValueError) as e:
    print(type(e).__name__)
import sys
def deep(n): return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("recursion", str(e)[:30])
x = 0
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return x
    return inner
inc = outer(); print(inc(), inc(), x)
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, b=3, a=4))
def kwonly(a, *, b, c=3): return a, b, c
print(kwonly(1, b=2), kwonly(a=1, b=2, c=4))
try:
    kwonly(1, 2)
except TypeError as e:
    print(e)
args = [1, 2]; kw = {"c": 9}
def three(a, b, c=0): return a + b + c
print(three(*args, **kw), three(*[1], **{"b": 5}))
(a, b), c = (1, 2), 3
first, *rest = "hello"
print(a, b, c, first, rest)
if (n := len(rest)) > 3: print("walrus", n)
