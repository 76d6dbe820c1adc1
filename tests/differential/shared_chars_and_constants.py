# One-character strings: the Latin-1 ones are shared objects (indexing, iteration,
# chr() and one-character literals that are not names), constant subscripts fold,
# and constant tuples are tracked until a collection untracks them, as in CPython 3.11.
import gc

gc.disable()  # collections only where the program asks: none at start-up counts
s = "a,b ö"
print(s[1] is ",", s[3] is " ", s[4] is "ö", s[0] is "a")
x = "aab"[1]
print(x is s[0], x is "a")
s = "hello wörld ☃"
a = list(s)
print(a[2] is a[3], s[2] is s[3], s[7] is "wörld"[1], chr(108) is s[2], chr(9731) is s[-1])
for c in s:
    pass
print(c, s[-1], s[-2], s[7], len(a))
t = "x" * 3
print(t[0] is t[1], [c for c in "aab"][0] is "aab"[1])
try:
    s[99]
except IndexError as e:
    print(e)
try:
    "wörld"[-9]
except IndexError as e:
    print(e)
print("wörld"[-1], "wörld"[1], "ö" == "wörld"[1])
d = {}
for ch in "mississippi":
    d[ch] = d.get(ch, 0) + 1
print(d)
import gc
print("abc"[1], "abc"[-1], (1, 2, 3)[0], (1, (2, 3))[1], b"xyz"[0], "wörld"[1], "abc"[True])
try:
    print("abc"[5])
except IndexError as e:
    print("IndexError", e)
t = ((1, 2), 3)[0]
print(t, gc.is_tracked(t))
x = "a,b"
print(x[1] is ",", ",".join(["p", "q"]), "a b".split(" ")[1] is "b")
import gc
x = (1, 2)
print(gc.is_tracked(x))
y = ((1, 2), 3)
print(gc.is_tracked(y), gc.is_tracked(y[0]))
def f():
    return ((4, 5), 6)
print(gc.is_tracked(f()), gc.is_tracked(f()[0]))
flat = (7, 8)
gc.collect()
print(gc.is_tracked(flat), gc.is_tracked(y[0]))
import gc
e = ()
print(gc.is_tracked(tuple()), gc.is_tracked(()), gc.is_tracked(tuple([])), e is tuple(), (1, 2)[2:] is e, tuple(x for x in []) is e)
print(gc.is_tracked((1, 2)), MemoryError().args is e, () + () is e, e * 3 is e)
def f(*args):
    return args
print(f() is e, gc.is_tracked(f()), f(1))
print(gc.is_tracked(()), gc.is_tracked((1, 2)), gc.is_tracked(("a",)), gc.is_tracked((None, None)))
def f(a=(1, 2)):
    return a
print(gc.is_tracked(f()), gc.get_count()[0] >= 0)
