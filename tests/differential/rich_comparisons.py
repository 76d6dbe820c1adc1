# Rich comparisons: what __eq__ and __lt__ return comes back as is, reflections
# (subclass first), != through __eq__, identity when nothing is defined.
class W:
    def __lt__(self, o): return [1] if o else []
    def __eq__(self, o): return "yes"
class E:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        print("eq", self.v, getattr(o, "v", o))
        return NotImplemented if o == 0 else self.v == getattr(o, "v", o)
class Sub(E):
    def __eq__(self, o):
        print("sub eq")
        return "sub"
class P:
    pass
w = W()
print(w < 1, w < 0, w == 3, w != 3, 3 == w, [w] == [w])
e, f = E(1), E(2)
print(e == f, e != f, e == 1, e != 1, e == 0, e != 0, 1 == e)
print(e == Sub(1), Sub(1) == e, e != Sub(3))
p = P()
print(p == p, p != p, p == P(), p != 1)
for a, b in [(p, 1), (1, p), (w, p)]:
    try:
        print(a > b)
    except TypeError as x:
        print(x)
print(sorted([E(3), E(1)], key=lambda z: z.v)[0].v)
