# A class is the object graph CPython's type_new makes: the type, its namespace,
# its __mro__ tuple (which holds the class: every class is in a cycle), its
# __bases__ tuple, and the getset and member descriptors for its instances'
# __dict__, __weakref__ and __slots__. So a class that is no longer used dies in a
# collection, and gc.collect() counts what CPython counts. Built-in types are not
# tracked, and a tuple of them is untracked as CPython untracks it.
import gc
import weakref

gc.collect()


def make(kind):
    if kind == 0:
        class C:
            pass
    elif kind == 1:
        class C:
            def m(self):
                return 1
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
        class T:
            __slots__ = ("a", "__weakref__")
    elif kind == 6:
        class U:
            __slots__ = ()
    elif kind == 7:
        class A:
            def f(self):
                return super().f
    elif kind == 8:
        class G:
            __slots__ = ("__dict__", "q")

        class H(G):
            pass
    elif kind == 9:
        class C:
            def __init__(self):
                self.x = 1
        return C()


for kind in range(10):
    make(kind)
    print(kind, gc.collect())

gc.set_debug(gc.DEBUG_SAVEALL)
make(0)
make(4)
gc.collect()
print(sorted(type(o).__name__ for o in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
gc.collect()


class B:
    pass


B.a = B
gc.collect()
del B
print("self-referencing class", gc.collect())

print(gc.is_tracked(int), gc.is_tracked(object), gc.is_tracked(Exception), gc.is_tracked(type))


class W:
    pass


w = W()
print(w.__weakref__)
r = weakref.ref(w)
print(w.__weakref__ is r, W.__mro__ is W.__mro__, W.__bases__ is W.__bases__)
print(W.__mro__, W.__bases__, gc.is_tracked(W), gc.is_tracked(W.__mro__))
try:
    weakref.ref(Exception())
except TypeError as e:
    print(e)


class Err(ValueError):
    pass


print(weakref.ref(Err("x")) is not None, Err.__mro__)

gc.set_debug(gc.DEBUG_SAVEALL)
make(5)
gc.collect()
print(sorted(repr(o) for o in gc.garbage if "descriptor" in type(o).__name__))
gc.set_debug(0)
gc.garbage.clear()
