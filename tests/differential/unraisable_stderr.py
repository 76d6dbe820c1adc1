# Exceptions inside finalizers and callbacks are reported and ignored.
import gc, weakref
class Bad:
    def __del__(self):
        raise ValueError("in __del__")
b = Bad()
del b
print("continues after __del__ error")
class T:
    pass
t = T()
def cb(r):
    raise RuntimeError("in callback")
r = weakref.ref(t, cb)
del t
print("continues after callback error")
c = Bad()
c.me = c
del c
print("collected", gc.collect())
print("end")
