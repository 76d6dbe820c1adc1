# weakref.WeakSet and weakref.WeakMethod: members and methods that go when their
# objects die.
import gc
import weakref


class Item:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hello " + self.name


a, b, c = Item("a"), Item("b"), Item("c")
ws = weakref.WeakSet([a, b])
ws.add(c)
ws.add(a)
print(len(ws), a in ws, Item("x") in ws, sorted(i.name for i in ws))
del b
print(len(ws), sorted(i.name for i in ws))
ws.discard(c)
print(len(ws))
try:
    ws.remove(c)
except KeyError:
    print("KeyError")
x = Item("cyc")
x.me = x
ws.add(x)
del x
print(len(ws), gc.collect() > 0, len(ws))

m = a.hello
wm = weakref.WeakMethod(m)
print(wm()(), wm() == wm() if False else "bound again")
print(m.__self__ is a, m.__func__ is Item.hello)
died = []
wm2 = weakref.WeakMethod(c.hello, lambda r: died.append("dead"))
del c
print(wm2() is None, died)
del a
print(wm() is None)
