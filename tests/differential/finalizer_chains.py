import gc
# Instances with __del__ referencing each other in a chain and a cycle: order of
# finalization by refcount (chain) and by the collector (cycle).
order = []
class R:
    def __init__(self, name, ref=None):
        self.name = name
        self.ref = ref
    def __del__(self):
        order.append(self.name)
c = R("c")
b = R("b", c)
a = R("a", b)
del c, b
del a
print("chain:", order)
order.clear()
x = R("x")
y = R("y", x)
z = R("z", y)
x.ref = z
del x, y, z
gc.collect()
print("cycle:", order)
order.clear()
holder = [R("p"), R("q"), R("r")]
holder.reverse()
del holder
print("list:", order)
d = {"k1": R("v1"), "k2": R("v2")}
del d
print("dict:", order)
