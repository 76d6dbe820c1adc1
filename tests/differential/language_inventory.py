# One call of every builtin, method and module function LANGUAGE.md lists, and
# gc.get_referents of containers holding numbers and None.
import gc, sys, time, weakref, math, random
print(len([1]), list(range(3)), id(1) == id(1), str(1), repr("a"), int("3"), float("2"), bool(0), abs(-1), min(1, 2), max(1, 2), sum([1]))
print(sorted([2, 1]), list(reversed([1, 2])), list(enumerate("a")), list(zip("a", "b")), list(map(abs, [-1])), list(filter(None, [0, 1])))
print(any([1]), all([1]), isinstance(1, int), issubclass(bool, int), callable(len), type(1).__name__, object().__class__.__name__)
print(list("ab"), dict(a=1), tuple([1]), set([1]), frozenset([1]), hash(1), next(iter([5])), divmod(5, 2), round(1.5), pow(2, 3), ord("a"), chr(97), hex(16), format(1.5, ".2f"))
class O: pass
o = O()
setattr(o, "x", 1); print(getattr(o, "x"), hasattr(o, "x")); delattr(o, "x"); print(hasattr(o, "x"))
for name in ["BaseException", "Exception", "SystemExit", "StopIteration", "GeneratorExit", "ArithmeticError", "ZeroDivisionError", "OverflowError", "LookupError", "KeyError", "IndexError", "ValueError", "TypeError", "AttributeError", "NameError", "UnboundLocalError", "RecursionError", "MemoryError", "AssertionError", "RuntimeError", "NotImplementedError", "ReferenceError"]:
    cls = eval(name) if False else {"BaseException": BaseException, "Exception": Exception, "SystemExit": SystemExit, "StopIteration": StopIteration, "GeneratorExit": GeneratorExit, "ArithmeticError": ArithmeticError, "ZeroDivisionError": ZeroDivisionError, "OverflowError": OverflowError, "LookupError": LookupError, "KeyError": KeyError, "IndexError": IndexError, "ValueError": ValueError, "TypeError": TypeError, "AttributeError": AttributeError, "NameError": NameError, "UnboundLocalError": UnboundLocalError, "RecursionError": RecursionError, "MemoryError": MemoryError, "AssertionError": AssertionError, "RuntimeError": RuntimeError, "NotImplementedError": NotImplementedError, "ReferenceError": ReferenceError}[name]
    print(name, [c.__name__ for c in cls.__mro__][1:])
l = [3, 1, 2]
l.append(4); l.insert(0, 0); l.extend([5]); print(l.pop(), l.index(1), l.count(1)); l.remove(1); c = l.copy(); l.sort(); l.reverse(); print(l, c); l.clear(); print(l)
d = {"a": 1}
print(d.get("a"), list(d.keys()), list(d.values()), list(d.items()), d.pop("a"), d.setdefault("b", 2), d.popitem(), d, dict.fromkeys("ab", 0))
d.update({"c": 3}); e = d.copy(); d.clear(); print(d, e)
s = " a,b "
print(s.split(","), s.rsplit(","), s.upper(), s.lower(), s.strip(), s.lstrip(), s.rstrip(), s.replace("a", "z"), s.startswith(" "), s.endswith(" "), s.find("b"), s.count("a"), "{}-{}".format(1, 2), "12".isdigit(), "a".ljust(3) + "|", "a".rjust(3), "5".zfill(3), "-".join(["a", "b"]))
st = {1, 2}
st.add(3); st.discard(9); st.remove(1); print(st.pop(), st, st.union({5}), st.intersection({3}), st.difference({3}), {1} | {2}, {1, 2} & {2}, {1, 2} - {2}, {1} ^ {2})
st.update([7]); print(sorted(st))
print(gc.isenabled(), gc.get_threshold(), gc.get_debug(), gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK, gc.garbage, type(gc.get_stats()).__name__, gc.get_freeze_count())
gc.freeze(); gc.unfreeze(); gc.disable(); gc.enable(); print(gc.collect(0), len(gc.get_referents([1, o])), gc.is_tracked(o), type(gc.get_referrers(o)).__name__, type(gc.get_objects(0)).__name__)
print(sys.getrecursionlimit(), type(sys.argv).__name__, sys.getsizeof(1) > 0, type(time.perf_counter()).__name__, type(time.perf_counter_ns()).__name__, type(time.time()).__name__)
print(math.sqrt(4), math.isqrt(17), math.floor(1.5), math.ceil(1.5), math.fabs(-2), round(math.exp(1), 5), math.log(math.e), math.sin(0), math.cos(0), math.atan2(1, 1) * 4 == math.pi, math.inf, math.isnan(math.nan), math.isinf(math.inf))
random.seed(42); print(random.random(), random.randint(1, 10), random.choice("abc")); x = [1, 2, 3, 4]; random.shuffle(x); print(x)
r = weakref.ref(o); p = weakref.proxy(o); print(r() is o, weakref.getweakrefcount(o), len(weakref.getweakrefs(o)), r.__callback__)
wv = weakref.WeakValueDictionary(); wk = weakref.WeakKeyDictionary(); ws = weakref.WeakSet(); wv[1] = o; wk[o] = 1; ws.add(o); print(len(wv), len(wk), len(ws))
class M:
    def m(self): return 1
mm = M(); wm = weakref.WeakMethod(mm.m); print(wm()())
f = weakref.finalize(o, print, "bye"); print(f.alive, f.peek()[0] is o); f.detach(); print(f.alive)
f2 = weakref.finalize(M(), print, "atexit-run"); print(f2.atexit)
class O: pass
o = O(); o.a = 1; o.b = None; o.c = 'x'; o.d = [1]
print(gc.get_referents([1, None, 'a', 2.5]))
print(gc.get_referents((1, None, 'a')))
print(gc.get_referents({'k': 1, 2: None}), gc.get_referents({'k': 1, 'j': []}))
print(gc.get_referents(o))
print(gc.get_referents({1, 2}), gc.get_referents(frozenset({3})))
print(gc.get_referents(1, "s", None))
def f(): pass
print(len(gc.get_referents(f)) > 0)
