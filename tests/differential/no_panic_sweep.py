# Every method of the built-in values, every built-in function and every operator,
# called with odd arguments: whatever is raised is caught; the run must end (no
# crash, no panic) and print only "done". The method lists come from dir(), so each
# interpreter sweeps the methods it has.
import gc, sys, math


class L(list): pass
class D(dict): pass
class S(set): pass
class A: pass


values = [None, True, 0, -1, 10**30, 1.5, float("nan"), "ab", "", b"ab", [1], (1,), {1: 2}, {1}, frozenset(), range(3), L([1]), D(a=1), S({1}), A(), len, A]
args = [(), (None,), (1,), ("x",), ([1],), (1, 2), (-1,), (10**30,), (1.5,), ({},), ((1,),), (lambda: 0,), ("a", "b", "c"), ([], [])]
calls = 0
for v in values:
    for m in dir(v):
        # (no powers: 10**30 ** 10**30 would run for ever in both)
        if m in ("__init__", "__del__", "__setattr__", "__delattr__", "__init_subclass__", "__class__", "__new__", "__pow__", "__rpow__", "__ipow__"):
            continue
        try:
            f = getattr(v, m)
        except Exception:
            continue
        if not callable(f):
            continue
        for a in args:
            calls += 1
            try:
                f(*a)
            except Exception:
                pass
builtins_to_try = [len, repr, str, int, float, bool, abs, min, max, sum, sorted, reversed, enumerate, zip, map, filter, any, all, isinstance, issubclass, callable, type, list, dict, tuple, set, frozenset, hash, iter, next, divmod, round, ord, chr, hex, format, getattr, setattr, hasattr, delattr, vars, dir, id, bin, oct, ascii, math.sqrt, math.floor, math.log, gc.is_tracked, gc.get_referents, sys.getsizeof]
for f in builtins_to_try:
    for a in args + [(v,) for v in values] + [(v, v) for v in values]:
        try:
            f(*a)
        except Exception:
            pass
ops = [lambda a, b: a + b, lambda a, b: a * b, lambda a, b: a % b, lambda a, b: a >> b, lambda a, b: a[b], lambda a, b: a < b, lambda a, b: b in a, lambda a, b: a.__getitem__(b)]
for a in values:
    for b in values:
        for op in ops:
            try:
                op(a, b)
            except Exception:
                pass
print("done")
