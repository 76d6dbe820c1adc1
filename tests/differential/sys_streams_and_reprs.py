# sys.stdout/sys.stderr write, flush and fileno; reprs of self-containing containers.
import sys
sys.stdout.write("written\n")
n = sys.stderr.write("err\n")
sys.stdout.flush()
print(n, sys.stdout.fileno())
w = sys.stdout.write
w("via w\n")
print("x", file=sys.stdout)
a = [1]
a.append(a)
d = {"k": None}
d["k"] = d
t = (a, d)
print(a, d, t, repr(a) == str(a))
class N:
    def __repr__(self): return "N(%r)" % (self.x,)
n = N(); n.x = [n] if False else 1
print(n, [n, n])
s = set(); print(s, set([1]), frozenset(), {})
print(str(b"\x00\xff'"), repr("a\tb\n\\"), repr('it\'s "q"'), ascii("é") if False else 0)
sys.stdout.write("written\n")
print("x", file=sys.stderr)
print(1, 2, sep="", end="")
print()
