import gc
import weakref

class Obj:
    pass

o = Obj()
r = weakref.ref(o)
print(r() is o, weakref.getweakrefcount(o))
calls = []
r2 = weakref.ref(o, lambda ref: calls.append("callback"))
print(weakref.getweakrefcount(o))
del o
print(r() is None, calls)

a = Obj()
b = Obj()
a.other = b
b.other = a
wa = weakref.ref(a, lambda ref: print("a's callback"))
del a, b
print("collected", gc.collect(), wa() is None)
