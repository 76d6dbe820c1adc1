# The objects of dead classes, in the order CPython's collector lists them
# (gc.garbage under DEBUG_SAVEALL): the body's functions and cells, the bases tuple,
# the namespace (a copy of the body's, tracked once it holds a descriptor), the
# class, its __mro__ and its descriptors.
import gc

gc.collect()


def make(kind):
    if kind == 0:
        class C:
            pass
    elif kind == 1:
        class C:
            def m(self):
                pass
    elif kind == 2:
        class C:
            pass

        class D(C):
            pass
    elif kind == 3:
        class E(Exception):
            pass
    elif kind == 4:
        class S:
            __slots__ = ("a", "b")
    elif kind == 5:
        class A:
            def f(self):
                return super().f

            x = 1
    elif kind == 6:
        class C:
            def m(self):
                pass

        c = C()
        c.self = c


for kind in range(7):
    make(kind)
    gc.set_debug(gc.DEBUG_SAVEALL)
    n = gc.collect()
    gc.set_debug(0)
    print(kind, n, [type(o).__name__ for o in gc.garbage])
    for o in gc.garbage:
        if isinstance(o, dict):
            o.clear()
    gc.garbage.clear()
    gc.collect()
