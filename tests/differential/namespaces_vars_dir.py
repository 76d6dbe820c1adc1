# vars(), dir(), globals() and locals(): of objects, classes, exceptions and the calling frame.
class E(Exception):
    def __init__(self, code):
        super().__init__("x")
        self.code = code
print(E(3).__dict__)
try:
    raise SystemExit(4)
except SystemExit as e:
    print(e.__dict__, e.code)
s = StopIteration(5)
print(s.__dict__, s.value)
x = 10
def f(a, b=2):
    c = a + b
    def g(): return c
    print(sorted(locals().items(), key=lambda kv: kv[0]) if False else sorted(locals().keys()))
    print(dir())
    return g
f(1)
print(globals()["x"], "f" in globals(), sorted(k for k in globals() if not k.startswith("__")))
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir({}) if not n.startswith("_")])
print([n for n in dir(set()) if not n.startswith("_")])
class A:
    cls_attr = 1
    def m(self): pass
a = A(); a.inst = 2
print(dir(a))
print(dir(A) == sorted(set(dir(A))), [n for n in dir(A) if not n.startswith("__")])
class B(A):
    pass
print([n for n in dir(B()) if not n.startswith("__")])
print(vars(A)["cls_attr"])
g = globals()
g["newvar"] = 7
print(newvar)
def h():
    return vars()
print(h())
