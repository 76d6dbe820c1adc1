# __slots__ details: weak references refused without __weakref__, the errors of
# unset and deleted slots, a slot name that is also a class variable, slots under
# a base with a __dict__.
import weakref, gc
class S:
    __slots__ = ("a",)
s = S()
try:
    weakref.ref(s)
except TypeError as e:
    print(e)
try:
    s.b = 1
except AttributeError as e:
    print(e)
try:
    s.a
except AttributeError as e:
    print(e)
s.a = 5
del s.a
try:
    del s.a
except AttributeError as e:
    print(e)
try:
    class Bad:
        __slots__ = ("x",)
        x = 1
except ValueError as e:
    print(e)
class W:
    __slots__ = ("__weakref__",)
w = W()
print(weakref.ref(w)() is w, w.__weakref__ is not None)
try:
    w.q = 1
except AttributeError as e:
    print(e)
class Base:
    pass
class Child(Base):
    __slots__ = ("c",)
ch = Child()
ch.anything = 1
ch.c = 2
print(ch.anything, ch.c, gc.is_tracked(ch))
print(hasattr(s, "__dict__"), hasattr(ch, "__weakref__"))
