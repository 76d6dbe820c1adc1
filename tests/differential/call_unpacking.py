# Calls with `*` and `**` unpacking, compiled as CPython's compiler_call_helper
# compiles them: a lone `*x` passed as it is (any iterable), runs of keywords merged
# with `**` mappings by DICT_MERGE, which refuses a name given twice; and the errors
# CPython words for each (`f() argument after * must be an iterable`, `Value after *`,
# `argument after ** must be a mapping`, `got multiple values for keyword argument`).
def g(*a, **k): return a, sorted(k.items())
class C:
    def m(self, *a, **k): return a
    def __init__(self, *a, **k): pass
class M:
    def keys(self): return ["p", "q"]
    def __getitem__(self, k): return k * 2
def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "->", e)
attempt("nonstr", lambda: g(**{1: 2}))
attempt("star int", lambda: g(*5))
attempt("method", lambda: C().m(*5))
attempt("class", lambda: C(*5))
attempt("print", lambda: print(*5))
attempt("len", lambda: len(*5))
attempt("dstar int", lambda: g(**5))
attempt("method dstar", lambda: C().m(**5))
attempt("print dstar", lambda: print(**5))
attempt("dup1", lambda: g(a=1, **{'a': 2}))
attempt("dup2", lambda: g(**{'a': 1}, **{'a': 2}))
attempt("dup3", lambda: g(**{'a': 1}, a=2))
attempt("list", lambda: [*5])
attempt("tuple", lambda: (*5,))
attempt("set", lambda: {*5})
attempt("dict", lambda: {**5})
attempt("mixed", lambda: g(1, *5))
attempt("two", lambda: g(*[1], *5))
attempt("lambda", lambda: (lambda *a: a)(*5))
attempt("none", lambda: g(*None))
attempt("max", lambda: max(*5))
attempt("mapping", lambda: g(**M()))
attempt("mapping2", lambda: g(x=1, **M(), y=2))
attempt("gen", lambda: g(*(i for i in range(3))))
attempt("str", lambda: g(*"abc", **{"z": 1}))
attempt("order", lambda: g(1, *[2, 3], 4, *(5,), k=1, **{"j": 2}, i=3))
attempt("append", lambda: [].append(*5))
attempt("unbound", lambda: list.append(*5))
attempt("dict.get", lambda: dict.get(**5))
