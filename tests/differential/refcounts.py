import sys

class Thing:
    pass

t = Thing()
print(sys.getrefcount(t))
lst = [t, t]
print(sys.getrefcount(t))
del lst
print(sys.getrefcount(t))
d = {"a": t}
print(sys.getrefcount(t))
def hold(x):
    return sys.getrefcount(x)
print(hold(t))
print(sys.getrecursionlimit())
