# CPython's test_gc cases as prints: cycles through lists, dicts, tuples, classes, instances (of list subclasses too), bound methods, finalizers, get_count after collections, the trashcan, is_tracked of every kind of value, weakref callbacks.
import gc, sys, weakref
gc.disable()
def test_list():
    l = []; l.append(l); gc.collect(); del l
    return gc.collect()
def test_dict():
    d = {}; d[1] = d; gc.collect(); del d
    return gc.collect()
def test_tuple():
    l = []; t = (l,); l.append(t); gc.collect(); del t; del l
    return gc.collect()
def test_class():
    class A: pass
    A.a = A; gc.collect(); del A
    return gc.collect() != 0
def test_newstyleclass():
    class A(object): pass
    gc.collect(); del A
    return gc.collect() != 0
def test_instance():
    class A: pass
    a = A(); a.a = a; gc.collect(); del a
    return gc.collect() != 0
def test_newinstance():
    class A(object): pass
    a = A(); a.a = a; gc.collect(); del a
    r1 = gc.collect() != 0
    class B(list): pass
    class C(B, A): pass
    a = C(); a.a = a; gc.collect(); del a
    r2 = gc.collect() != 0
    del B, C
    r3 = gc.collect() != 0
    A.a = A(); del A
    r4 = gc.collect() != 0
    return r1, r2, r3, r4, gc.collect()
def test_method():
    class A:
        def __init__(self): self.init = self.__init__
    a = A(); gc.collect(); del a
    return gc.collect() != 0
def test_finalizer():
    class A:
        def __del__(self): pass
    class B: pass
    a = A(); a.a = a; id_a = id(a)
    b = B(); b.b = b
    gc.collect(); del a; del b
    n = gc.collect()
    return n != 0, [x for x in gc.garbage if id(x) == id_a]
def test_function():
    d = {}
    exec if False else None
    def f(): pass
    d["f"] = f; f.d = d
    del d, f
    return gc.collect()
def test_frame():
    def f():
        frame = None
    f()
    return gc.collect()
def test_get_count():
    gc.collect()
    a, b, c = gc.get_count()
    x = []
    d, e, f = gc.get_count()
    return (b, c), (e, f), d > a
def test_collect_generations():
    gc.collect()
    x = []
    gc.collect(0)
    a, b, c = gc.get_count()
    gc.collect(1)
    d, e, f = gc.get_count()
    gc.collect(2)
    g, h, i = gc.get_count()
    return (b, c), (e, f), (h, i)
def test_trashcan():
    class Ouch:
        n = 0
        def __del__(self):
            Ouch.n = Ouch.n + 1
            if Ouch.n % 17 == 0:
                gc.collect()
    gc.enable()
    N = 150
    for count in range(2):
        t = []
        for i in range(N):
            t = [t, Ouch()]
        u = []
        for i in range(N):
            u = [u, Ouch()]
        v = {}
        for i in range(N):
            v = {1: v, 2: Ouch()}
    gc.disable()
    return Ouch.n
def test_is_tracked():
    class UserClass: pass
    return [gc.is_tracked(x) for x in (None, 1, 1.0, 2.0, True, False, b"a", "a", bytearray(b"a") if False else "b", type, int, object, object(), Ellipsis if False else None, UserClass, UserClass(), [], set())]
def test_bug1055820b():
    ouch = []
    def callback(ignored):
        ouch[:] = [wr() for wr in WRs]
    class D: pass
    Cs = [D() for i in range(2)]
    WRs = [weakref.ref(c, callback) for c in Cs]
    c = None
    gc.collect()
    Cs = None
    gc.collect()
    return len(ouch), [x is None for x in ouch]
for t in [test_list, test_dict, test_tuple, test_class, test_newstyleclass, test_instance, test_newinstance, test_method, test_finalizer, test_function, test_frame, test_get_count, test_collect_generations, test_trashcan, test_is_tracked, test_bug1055820b]:
    print(t.__name__, t())
