# Attributes set on a function live in a dict made on the first one (CPython's
# func_dict): a function that refers to itself through one is a two-object cycle.
import gc
gc.collect()
def f():
    pass
f.attr = f
gc.collect()
del f
print("function", gc.collect())
def g():
    pass
g.count = 0
g.count += 1
print(g.count, gc.is_tracked(g))
del g.count
try:
    g.count
except AttributeError as e:
    print("AE", e)
try:
    del g.nope
except AttributeError as e:
    print("AE2", e)
def h():
    return h.calls
h.calls = [1]
print(h(), gc.get_referents(h)[-1] if False else "")
