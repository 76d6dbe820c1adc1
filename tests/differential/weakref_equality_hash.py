# Weak references compare by their referents and hash as them (a hash taken
# while alive is kept; a dead one never hashed cannot be).
import weakref
class K:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, K) and o.v == self.v
    def __hash__(self): return hash(self.v)
a, b = K(1), K(1)
ra, rb = weakref.ref(a), weakref.ref(b)
print(ra == rb, ra is rb, hash(ra) == hash(a), hash(ra) == hash(1), {ra: 1}[rb])
c = K(2)
rc = weakref.ref(c)
h = hash(rc)
del c
print(hash(rc) == h, rc() is None, rc == rc, rc != ra)
d = K(3)
rd = weakref.ref(d)
del d
try:
    hash(rd)
except TypeError as e:
    print("TypeError", e)
print(weakref.ref(a) is ra, weakref.ref(a, lambda r: None) is ra, repr(rd).split()[0], repr(rd).split()[-1])
