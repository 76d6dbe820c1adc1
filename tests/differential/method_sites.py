# LOAD_METHOD sites remember where a class's method lives; what a program changes
# (an instance attribute, the class's namespace, a __getattribute__ hook) is seen
# at once.
class A:
    def f(self):
        return "A.f"
    def g(self):
        return "A.g"

class B(A):
    def f(self):
        return "B.f"

def call_all(objs):
    out = []
    for o in objs:
        out.append(o.f() + "/" + o.g())
    return out

objs = [A(), B(), A(), B()]
print(call_all(objs))
# An instance attribute shadows the method once set.
a = A()
print(call_all([a]))
a.f = lambda: "own f"
print(call_all([a, A()]))
del a.f
print(call_all([a]))
# Replacing the method in the class is seen at once.
A.g = lambda self: "new g"
print(call_all(objs))
# A class attribute that is not a function: bound differently.
A.f = staticmethod(lambda: "static f")
print(call_all([A(), B()]))
A.f = 42
try:
    A().f()
except TypeError as e:
    print("TypeError:", e)
# __dict__ mode instance.
c = B()
c.__dict__["f"] = lambda: "dict f"
print(c.f(), c.g())
# __getattribute__ hook defined after the site cached.
class H:
    def m(self):
        return "m"
h = H()
for _ in range(3):
    print(h.m())
H.__getattribute__ = lambda self, name: (lambda: "hooked " + name)
print(h.m())
