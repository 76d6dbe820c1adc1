import gc
import sys
# Reference counts as sys.getrefcount reports them through containers and calls.
class Obj:
    pass
o = Obj()
base = sys.getrefcount(o)
holders = [o] * 5
print(sys.getrefcount(o) - base)
d = {i: o for i in range(3)}
print(sys.getrefcount(o) - base)
t = (o, o)
print(sys.getrefcount(o) - base)
del holders, d, t
print(sys.getrefcount(o) - base)
def f(x):
    return sys.getrefcount(x) - base
print(f(o))
m = o.__class__
print(m is Obj, sys.getrefcount(Obj) > 2)
s = "some string value"
print(sys.getrefcount(s) >= 2)
