# Constant folding as CPython's AST optimizer does it for str and bytes: folded
# results are shared constants (identity, refcounts); past 4096 items they are not.
a = "x" * 3
b = "x" * 3
c = "ab" + "cd"
d = "abcd"
print(a is b, c is d, ("a" + "b", 1), b"x" * 2 + b"y", "q" * 5000 == "q" * 5000, -2 * "z", "s" * 0)
print(("a" * 4097) is ("a" * 4097))
import sys
s = "x" * 10
print(sys.getrefcount(s))
def f():
    return "ab" * 2
print(f() is f(), sys.getrefcount(f()))
