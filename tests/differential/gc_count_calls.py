# gc.get_count() moves as in CPython 3.11 around calls: a class called with
# arguments (its argument tuple and kwargs dict live through __init__), the types
# called through tp_call (int, str, bytes, slice, weakref.ref, property), enumerate's
# result pair, map's tuple of iterators, a bare object() (no GC object), exceptions.
import gc, weakref
gc.disable()
class P:
    pass
class I:
    def __init__(self, *a, **k):
        pass
class E(Exception):
    pass
n = P()
cases = [
    ("P()", lambda: P()),
    ("I()", lambda: I()),
    ("I(1)", lambda: I(1)),
    ("I(1,2)", lambda: I(1, 2)),
    ("I(k=1)", lambda: I(k=1)),
    ("I(1,k=1)", lambda: I(1, k=1)),
    ("ref(n)", lambda: weakref.ref(n)),
    ("proxy(n)", lambda: weakref.proxy(n)),
    ("ValueError(1)", lambda: ValueError(1)),
    ("E(1)", lambda: E(1)),
    ("E()", lambda: E()),
    ("list(())", lambda: list(())),
    ("dict()", lambda: dict()),
    ("set(())", lambda: set(())),
    ("tuple([1])", lambda: tuple([1])),
    ("int('1')", lambda: int("1")),
    ("str(1)", lambda: str(1)),
    ("float(1)", lambda: float(1)),
    ("range(3)", lambda: range(3)),
    ("enumerate(())", lambda: enumerate(())),
    ("zip()", lambda: zip()),
    ("map(abs,())", lambda: map(abs, ())),
    ("filter(None,())", lambda: filter(None, ())),
    ("reversed(())", lambda: reversed(())),
    ("slice(1)", lambda: slice(1)),
    ("object()", lambda: object()),
    ("property(None)", lambda: property(None)),
    ("bytes(1)", lambda: bytes(1)),
    ("frozenset(())", lambda: frozenset(())),
    ("bool(1)", lambda: bool(1)),
    ("super-less type(n)", lambda: type(n)),
]
keep = [None] * 100
for i, (label, f) in enumerate(cases):
    gc.collect()
    a = gc.get_count()[0]
    keep[i] = f()
    b = gc.get_count()[0]
    print(label, b - a)
