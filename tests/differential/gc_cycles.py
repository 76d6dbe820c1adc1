import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

gc.collect()
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
del a, b
print("collect finds the cycle:", gc.collect())
print("nothing left:", gc.collect())

class Finalized:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

x = Finalized("x")
del x
print("refcounting ran __del__ at once")
y = Finalized("y")
y.me = y
del y
print("before collect")
print("collected", gc.collect())
print(gc.isenabled(), gc.get_threshold())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({"a": []}), gc.is_tracked(1), gc.is_tracked("s"))
print(gc.is_tracked(Node("n")), gc.is_tracked((1, 2)))
