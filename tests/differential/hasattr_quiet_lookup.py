# hasattr() and getattr() with a default: a miss is no exception (gc.get_count() does
# not move), errors of properties and __getattr__ are real ones.
class A:
    x = 1
    @property
    def boom(self):
        raise ValueError("boom")
    @property
    def missing(self):
        try:
            return self.nope
        except AttributeError as e:
            print("inside property:", e)
            raise
class G:
    def __getattr__(self, name):
        if name == "dyn":
            return 42
        raise AttributeError(f"no {name} here")
class SubErr(AttributeError):
    pass
class H:
    @property
    def p(self):
        raise SubErr("sub")
a = A()
print(hasattr(a, "x"), hasattr(a, "y"), getattr(a, "y", "dflt"), getattr(a, "x", 0))
print(hasattr(a, "missing"), getattr(a, "missing", "d2"))
try:
    hasattr(a, "boom")
except ValueError as e:
    print("ValueError passes:", e)
g = G()
print(hasattr(g, "dyn"), hasattr(g, "other"), getattr(g, "other", None))
print(hasattr(H(), "p"), getattr(H(), "p", "sub-default"))
try:
    getattr(a, "y")
except AttributeError as e:
    print(e)
print(hasattr(1, "real"), hasattr(1, "nope"), getattr([], "nope", 5), hasattr(A, "x"), hasattr(A, "zz"))
import gc
gc.disable(); gc.collect()
before = gc.get_count()[0]
for i in range(100):
    hasattr(a, "y"); getattr(a, "z", None)
print("count moved:", gc.get_count()[0] - before)
