# WeakValueDictionary and WeakKeyDictionary iteration checks each entry when it gets
# to it; keys(), values() and items() are generators, as in Lib/weakref.py.
import weakref, gc
class V:
    def __init__(self, n): self.n = n
vs = [V(i) for i in range(5)]
d = weakref.WeakValueDictionary({i: v for i, v in enumerate(vs)})
out = []
for k in d:
    out.append(k)
    if k == 1:
        del vs[2]
print(sorted(out))
print(type(d.keys()).__name__, sorted(d.keys()), sorted(v.n for v in d.values()), sorted((k, v.n) for k, v in d.items()))
keys = [V(i) for i in range(4)]
wk = weakref.WeakKeyDictionary({k: k.n for k in keys})
seen = []
for k in wk:
    seen.append(k.n)
    if k.n == 0:
        del keys[-1]
print(sorted(seen), sorted(wk.values()), sorted(k.n for k in wk.keys()), len(wk))
ws = weakref.WeakSet(keys)
got = []
for x in ws:
    got.append(x.n)
    if len(got) == 1:
        keys.clear()
print(len(got) <= 3, len(ws))
